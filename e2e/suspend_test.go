//go:build unix

package e2e

import (
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// format is a tmux format variable of the pane, such as #{alternate_on}.
func (term *terminal) format(f string) string {
	term.t.Helper()
	return strings.TrimSpace(term.tmux("display-message", "-p", "-t", "0", f))
}

// readerPID is the process id of the program the pane's shell runs.
func (term *terminal) readerPID() int {
	term.t.Helper()
	shell := term.format("#{pane_pid}")
	out, err := exec.Command("pgrep", "-P", shell).Output()
	pid, convErr := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil || convErr != nil {
		term.t.Fatalf("finding the reader's pid under the shell %s: %v %v (%q)", shell, err, convErr, out)
	}
	return pid
}

// expectShellRestored checks that after what the shell has its own screen
// back as it was before kiosk: main screen, no mouse reporting, the cursor
// shown, and a command line that echoes as it is typed and runs.
func (term *terminal) expectShellRestored(what string) {
	term.t.Helper()
	if alt := term.format("#{alternate_on}"); alt != "0" {
		term.t.Errorf("after %s the alternate screen is still on:\n%s", what, term.screen())
	}
	if mouse := term.format("#{mouse_any_flag}#{mouse_button_flag}#{mouse_sgr_flag}"); mouse != "000" {
		term.t.Errorf("after %s mouse reporting is still on (%s)", what, mouse)
	}
	if cursor := term.format("#{cursor_flag}"); cursor != "1" {
		term.t.Errorf("after %s the cursor is hidden", what)
	}
	term.keys("echo typed-$((6*7))", "Enter")
	s := term.waitFor("typed-42\n")
	if !strings.Contains(s, "e2e$ echo typed-$((6*7))") {
		t := term.t
		t.Errorf("after %s the command line did not echo what was typed:\n%s", what, s)
	}
	term.keys("clear", "Enter")
	term.waitGone("typed-42")
}

// waitForPromptAfter waits until the shell prompts again after the command
// line that ran the reader: the reader has exited, and keys go to the shell.
func (term *terminal) waitForPromptAfter(command string) {
	term.t.Helper()
	term.waitUntil("prompt after "+command, func(s string) bool {
		i := strings.LastIndex(s, "e2e$ "+command)
		return i >= 0 && strings.Contains(s[i+len(command):], "e2e$")
	})
}

// expectReaderBack checks that after fg the reader has the screen again,
// redrawn, and answers keys.
func (term *terminal) expectReaderBack() {
	term.t.Helper()
	term.keys("fg", "Enter")
	term.waitFor("kiosk seeds")
	if alt := term.format("#{alternate_on}"); alt != "1" {
		term.t.Errorf("after fg the reader is not on the alternate screen:\n%s", term.screen())
	}
	term.keys("Enter")
	term.waitFor("min read")
	term.keys("q")
	term.waitGone("min read")
	term.waitFor("kiosk seeds")
}

func TestCtrlZSuspendsAndFgResumes(t *testing.T) {
	term := newTerminal(t, 100, 30)
	bin := buildKiosk(t)
	term.tmux("select-pane", "-t", "0", "-T", "my shell")
	term.keys(bin, "Enter")
	term.waitFor("kiosk seeds")

	term.keys("C-z")
	term.waitFor("Stopped")
	term.expectShellRestored("Ctrl+Z")

	term.expectReaderBack()
	term.keys("q")
	term.waitForPromptAfter("fg")
	term.keys("echo status=$?", "Enter")
	term.waitFor("status=0")
	term.expectShellRestored("quitting after fg")
	if title := term.format("#{pane_title}"); title != "my shell" {
		t.Errorf("the window title is %q after kiosk, want the shell's %q", title, "my shell")
	}
}

func TestKillTSTPSuspendsAndHUPEnds(t *testing.T) {
	term := newTerminal(t, 100, 30)
	bin := buildKiosk(t)
	term.keys(bin, "Enter")
	term.waitFor("kiosk seeds")
	pid := term.readerPID()

	if err := syscall.Kill(pid, syscall.SIGTSTP); err != nil {
		t.Fatal(err)
	}
	term.waitFor("Stopped")
	term.expectShellRestored("kill -TSTP")

	term.expectReaderBack()
	if err := syscall.Kill(pid, syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	term.waitForPromptAfter("fg")
	term.keys("echo status=$?", "Enter")
	term.waitFor("status=129")
	term.expectShellRestored("kill -HUP")
}
