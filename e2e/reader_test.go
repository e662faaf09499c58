//go:build unix

// Package e2e runs the built kiosk binary in a real terminal (tmux) and
// checks what a user sees. It drives tmux and signals, so it is built on
// Unix only.
package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// terminal is a tmux server of its own (its own -L socket) with one pane.
type terminal struct {
	t      *testing.T
	socket string
}

func newTerminal(t *testing.T, width, height int, env ...string) *terminal {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed")
	}
	term := &terminal{t: t, socket: fmt.Sprintf("kiosk-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	// kiosk saves its reading state under HOME, and may still be saving
	// as the tmux server is killed: the folder is removed after it, with
	// retries, rather than by t.TempDir's cleanup, which runs first.
	home, err := os.MkdirTemp("", "kiosk-e2e-home-")
	if err != nil {
		t.Fatal(err)
	}
	shell := []string{"env", "-i", "PATH=" + os.Getenv("PATH"), "HOME=" + home, "TERM=xterm-256color", "PS1=e2e$ "}
	shell = append(shell, env...)
	shell = append(shell, "bash", "--norc", "--noprofile")
	args := append([]string{"-f", "/dev/null", "new-session", "-d", "-x", fmt.Sprint(width), "-y", fmt.Sprint(height)}, shell...)
	term.tmux(args...)
	t.Cleanup(func() {
		_ = exec.Command("tmux", "-L", term.socket, "kill-server").Run()
		for range 50 {
			if os.RemoveAll(home) == nil {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Errorf("cannot remove the test's HOME %s", home)
	})
	term.waitFor("e2e$")
	return term
}

func (term *terminal) tmux(args ...string) string {
	term.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", term.socket}, args...)...).CombinedOutput()
	if err != nil {
		term.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (term *terminal) keys(keys ...string) {
	term.t.Helper()
	term.tmux(append([]string{"send-keys", "-t", "0"}, keys...)...)
}

func (term *terminal) screen() string {
	term.t.Helper()
	return term.tmux("capture-pane", "-p", "-t", "0")
}

// waitFor waits until the screen shows text and returns the screen.
func (term *terminal) waitFor(text string) string {
	term.t.Helper()
	return term.waitUntil("show "+text, func(s string) bool { return strings.Contains(s, text) })
}

func (term *terminal) waitGone(text string) string {
	term.t.Helper()
	return term.waitUntil("lose "+text, func(s string) bool { return !strings.Contains(s, text) })
}

func (term *terminal) waitUntil(what string, ok func(string) bool) string {
	term.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := term.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("the screen did not %s; it shows:\n%s", what, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// buildKiosk builds the binary from the repository under test.
func buildKiosk(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kiosk")
	cmd := exec.Command("go", "build", "-o", bin, "kiosk")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func TestReaderInTmux(t *testing.T) {
	term := newTerminal(t, 100, 40)
	bin := buildKiosk(t)

	term.keys(bin, "Enter")
	term.waitFor("kiosk seeds · 4 articles")

	term.keys("Enter")
	s := term.waitFor("min read")
	if !strings.Contains(s, "\n  Nordkorea ratifiziert Verteidigungsabkommen mit Russland") || strings.Contains(s, "#") {
		t.Errorf("the section heading is not on screen, or shows a markdown marker:\n%s", s)
	}
	if strings.Contains(s, "Kommentare anzeigen") {
		t.Errorf("the comments footer shows before c:\n%s", s)
	}

	term.keys("c")
	term.waitFor("Kommentare anzeigen")
	term.keys("c")
	term.waitGone("Kommentare anzeigen")
	term.waitFor("press c to show the comments footer")

	term.keys("g")
	term.waitFor("min read")
	term.keys("/", "machtkonstellationen", "Enter")
	s = term.waitFor("match 1/1")
	if !strings.Contains(s, "Machtkonstellationen") || strings.Contains(s, "min read") {
		t.Errorf("search did not move to the match:\n%s", s)
	}

	term.keys("q")
	term.waitFor("kiosk seeds · 4 articles")
	term.keys("q")
	s = term.waitUntil("return to the shell", func(s string) bool {
		return strings.Count(s, "e2e$") >= 2 && !strings.Contains(s, "kiosk seeds")
	})
	if alt := strings.TrimSpace(term.tmux("display-message", "-p", "-t", "0", "#{alternate_on}")); alt != "0" {
		t.Errorf("the alternate screen is still on after quitting (alternate_on=%s):\n%s", alt, s)
	}
}

func TestReaderNoColorKeepsHeadingsBold(t *testing.T) {
	term := newTerminal(t, 100, 40, "NO_COLOR=1")
	bin := buildKiosk(t)
	term.keys(bin, "Enter")
	term.waitFor("kiosk seeds · 4 articles")
	term.keys("Enter")
	term.waitFor("min read")
	styled := term.tmux("capture-pane", "-p", "-e", "-t", "0")
	if c := firstColour(styled); c != "" {
		t.Fatalf("NO_COLOR still draws colour (%s):\n%q", c, styled)
	}
	for _, l := range strings.Split(styled, "\n") {
		if strings.Contains(l, "Nordkorea ratifiziert") {
			if !strings.Contains(l, "\x1b[1m") && !strings.Contains(l, ";1m") {
				t.Errorf("with NO_COLOR the heading is not bold: %q", l)
			}
			return
		}
	}
	t.Errorf("heading not on screen:\n%s", term.screen())
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// firstColour returns the first SGR sequence in s that sets a foreground or
// background colour (resetting to the default, 39 and 49, is no colour).
func firstColour(s string) string {
	for _, m := range sgr.FindAllStringSubmatch(s, -1) {
		for _, p := range strings.Split(m[1], ";") {
			var n int
			if _, err := fmt.Sscan(p, &n); err != nil {
				continue
			}
			if (n >= 30 && n <= 38) || (n >= 40 && n <= 48) || (n >= 90 && n <= 107) {
				return fmt.Sprintf("%q", m[0])
			}
		}
	}
	return ""
}

// TestReaderRestoresTerminal ends the reader with Ctrl+C and with SIGTERM,
// and checks each time that the shell is back and the alternate screen off.
func TestReaderRestoresTerminal(t *testing.T) {
	term := newTerminal(t, 100, 30)
	bin := buildKiosk(t)
	shellPID := strings.TrimSpace(term.tmux("display-message", "-p", "-t", "0", "#{pane_pid}"))

	for _, stop := range []string{"ctrl+c", "SIGTERM"} {
		term.keys("clear", "Enter")
		term.waitFor("e2e$")
		term.keys(bin, "Enter")
		term.waitFor("kiosk seeds · 4 articles")
		term.keys("Enter")
		term.waitFor("min read")
		if stop == "ctrl+c" {
			term.keys("C-c")
		} else {
			out, err := exec.Command("pgrep", "-P", shellPID).Output()
			pid, convErr := strconv.Atoi(strings.TrimSpace(string(out)))
			if err != nil || convErr != nil {
				t.Fatalf("finding the reader's pid under the shell %s: %v %v (%q)", shellPID, err, convErr, out)
			}
			if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
		}
		s := term.waitUntil("return to the shell after "+stop, func(s string) bool {
			return strings.Contains(s, "e2e$") && !strings.Contains(s, "min read")
		})
		if alt := strings.TrimSpace(term.tmux("display-message", "-p", "-t", "0", "#{alternate_on}")); alt != "0" {
			t.Errorf("after %s the alternate screen is still on:\n%s", stop, s)
		}
		if mouse := strings.TrimSpace(term.tmux("display-message", "-p", "-t", "0", "#{mouse_any_flag}#{mouse_button_flag}#{mouse_sgr_flag}")); mouse != "000" {
			t.Errorf("after %s mouse reporting is still on (%s)", stop, mouse)
		}
	}
}

// Inside tmux, finding the terminal's colours runs `tmux info`, a few
// milliseconds each time. lipgloss does it once as the process starts; the
// reader must not do it again before its first frame.
func TestReaderAsksTmuxForItsColoursOnce(t *testing.T) {
	bin := buildKiosk(t)
	fake := t.TempDir()
	calls := filepath.Join(fake, "calls")
	script := "#!/bin/sh\necho \"$*\" >>" + calls + "\necho ' 222: Tc: (flag) true'\n"
	if err := os.WriteFile(filepath.Join(fake, "tmux"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	term := newTerminal(t, 100, 40, "TMUX=/tmp/fake-tmux,1,0", "PATH="+fake+":"+os.Getenv("PATH"))
	term.keys(bin, "Enter")
	term.waitFor("kiosk seeds · 4 articles")
	term.keys("q")
	term.waitUntil("return to the shell", func(s string) bool { return strings.Count(s, "e2e$") >= 2 })
	got, err := os.ReadFile(calls)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(got), "info\n"); n != 1 {
		t.Errorf("kiosk ran `tmux info` %d times, want 1 (lipgloss's own, as the process starts)", n)
	}
}
