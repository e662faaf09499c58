//go:build unix

package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"kiosk/model"
	"kiosk/ui"
)

// fakeTerminal is a pseudo-terminal for running kiosk as on a user's screen:
// kiosk gets tty, the test reads what it drew from screen.
type fakeTerminal struct {
	tty    *os.File
	master *os.File
	mu     sync.Mutex
	out    bytes.Buffer
	done   chan struct{}
}

func newTerminal(t *testing.T) *fakeTerminal {
	t.Helper()
	master, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	if err := pty.Setsize(master, &pty.Winsize{Rows: 30, Cols: 100}); err != nil {
		t.Fatal(err)
	}
	term := &fakeTerminal{tty: tty, master: master, done: make(chan struct{})}
	go func() {
		defer close(term.done)
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			term.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		tty.Close()
		master.Close()
		<-term.done
	})
	return term
}

// screen is everything drawn so far, with the terminal's \r\n made \n.
func (term *fakeTerminal) screen() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return strings.ReplaceAll(term.out.String(), "\r\n", "\n")
}

// waitFor waits until the output contains s.
func (term *fakeTerminal) waitFor(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(ansi.Strip(term.screen()), s) {
		if time.Now().After(deadline) {
			t.Fatalf("%q never appeared on the terminal:\n%q", s, term.screen())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// drained returns all the output once everything written so far has been
// read: a marker written after it arrives last.
func (term *fakeTerminal) drained(t *testing.T) string {
	t.Helper()
	const marker = "<end of output>"
	if _, err := io.WriteString(term.tty, marker); err != nil {
		t.Fatal(err)
	}
	term.waitFor(t, marker)
	return strings.TrimSuffix(term.screen(), marker)
}

// runOnTerminal runs kiosk with the terminal as standard input and output.
func runOnTerminal(t *testing.T, term *fakeTerminal, env []string, args ...string) (string, int) {
	t.Helper()
	var stderr bytes.Buffer
	status := Run(t.Context(), args, term.tty, term.tty, &stderr, env)
	if stderr.Len() > 0 {
		t.Logf("stderr: %s", stderr.String())
	}
	return term.drained(t), status
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// hasColour reports whether out sets a foreground or background colour.
func hasColour(out string) bool {
	for _, m := range sgr.FindAllStringSubmatch(out, -1) {
		for p := range strings.SplitSeq(m[1], ";") {
			n, err := strconv.Atoi(strings.SplitN(p, ":", 2)[0])
			if err == nil && (n >= 30 && n <= 38 || n >= 40 && n <= 48 || n >= 90 && n <= 97 || n >= 100 && n <= 107) {
				return true
			}
		}
	}
	return false
}

// hasBold reports whether out turns bold on.
func hasBold(out string) bool {
	for _, m := range sgr.FindAllStringSubmatch(out, -1) {
		if slices.Contains(strings.Split(m[1], ";"), "1") {
			return true
		}
	}
	return false
}

func TestShowOnATerminalIsStyled(t *testing.T) {
	tests := []struct {
		name       string
		env        []string
		args       []string
		wantColour bool
		wantEscape bool
	}{
		{"colour", []string{"TERM=xterm-256color"}, []string{"show", "1", "--theme", "dark"}, true, true},
		{"light theme", []string{"TERM=xterm-256color"}, []string{"show", "1", "--theme", "light"}, true, true},
		{"NO_COLOR keeps bold", []string{"TERM=xterm-256color", "NO_COLOR=1"}, []string{"show", "1", "--theme", "dark"}, false, true},
		{"plain", []string{"TERM=xterm-256color"}, []string{"show", "1", "--plain"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term := newTerminal(t)
			out, status := runOnTerminal(t, term, tt.env, tt.args...)
			if status != exitOK {
				t.Fatalf("exit status %d\n%q", status, out)
			}
			if got := strings.Contains(out, "\x1b["); got != tt.wantEscape {
				t.Errorf("escape sequences = %v, want %v:\n%q", got, tt.wantEscape, out)
			}
			if got := hasColour(out); got != tt.wantColour {
				t.Errorf("colours = %v, want %v:\n%q", got, tt.wantColour, out)
			}
			if got := hasBold(out); got != tt.wantEscape {
				t.Errorf("bold = %v, want %v (headings stay bold without colour)", got, tt.wantEscape)
			}
			text := ansi.Strip(out)
			if !strings.Contains(text, seedHeading) || strings.Contains(text, seedFooter) {
				t.Errorf("want the heading and no comments footer:\n%s", text)
			}
			if tt.wantEscape && (!strings.Contains(text, "10 comments · add --comments") || strings.Contains(text, "press c")) {
				t.Errorf("want a hint at the end that names --comments, not the reader's key:\n%s", text)
			}
			for line := range strings.SplitSeq(text, "\n") {
				if w := ansi.StringWidth(line); w > 80 {
					t.Errorf("line of %d columns, want at most 80: %q", w, line)
				}
			}
		})
	}
}

func TestShowOnATerminalWithComments(t *testing.T) {
	term := newTerminal(t)
	out, status := runOnTerminal(t, term, []string{"TERM=xterm-256color"}, "show", "1", "--comments", "--theme", "light")
	text := ansi.Strip(out)
	if status != exitOK || !strings.Contains(text, seedFooter) || strings.Contains(text, "add --comments") {
		t.Errorf("status %d: want the footer and no hint:\n%s", status, text)
	}
}

// altScreenLeft reports whether the reader switched back to the main
// screen and showed the cursor after it had taken the terminal over.
func altScreenLeft(out string) bool {
	enter := strings.Index(out, ansi.SetModeAltScreenSaveCursor)
	leave := strings.LastIndex(out, ansi.ResetModeAltScreenSaveCursor)
	return enter >= 0 && leave > enter && strings.Contains(out[leave:], ansi.ShowCursor)
}

func TestReaderRestoresTheTerminal(t *testing.T) {
	signal := func(sig syscall.Signal) func(t *testing.T, term *fakeTerminal) {
		return func(t *testing.T, term *fakeTerminal) {
			if err := syscall.Kill(os.Getpid(), sig); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name       string
		quit       func(t *testing.T, term *fakeTerminal)
		wantStatus int
	}{
		{"q", func(t *testing.T, term *fakeTerminal) { io.WriteString(term.master, "qq") }, exitOK},
		{"ctrl+c", func(t *testing.T, term *fakeTerminal) { io.WriteString(term.master, "\x03") }, exitOK},
		{"SIGINT", signal(syscall.SIGINT), 130},
		{"SIGTERM", signal(syscall.SIGTERM), 143},
		{"SIGHUP", signal(syscall.SIGHUP), 129},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term := newTerminal(t)
			dir := writeFiles(t, map[string][]byte{"story.txt": []byte("A story\n\nIts one paragraph.\n")})
			dbPath := filepath.Join(t.TempDir(), "kiosk.db")
			status := make(chan int, 1)
			go func() {
				status <- Run(t.Context(), []string{"--db", dbPath, dir}, term.tty, term.tty, io.Discard, []string{"TERM=xterm-256color"})
			}()
			term.waitFor(t, "1/1") // the list's status line: the reader is up
			io.WriteString(term.master, "\r")
			term.waitFor(t, "Its one paragraph")
			io.WriteString(term.master, "m")
			term.waitFor(t, "Marked read.")
			tt.quit(t, term)
			select {
			case s := <-status:
				if s != tt.wantStatus {
					t.Errorf("exit status %d, want %d", s, tt.wantStatus)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the reader did not quit")
			}
			if out := term.drained(t); !altScreenLeft(out) {
				t.Errorf("terminal not restored:\n%q", out[max(0, len(out)-300):])
			}
			if fields := listFields(t, kiosk(t, "list", "--db", dbPath, dir)); len(fields) < 5 || fields[4] != "read" {
				t.Errorf("the article read before %s is not read in the saved state: %q", tt.name, fields)
			}
		})
	}
}

func TestPanicWhileLoadingRestoresTheTerminal(t *testing.T) {
	term := newTerminal(t)
	p := tea.NewProgram(ui.New(nil, ui.Options{}), tea.WithInput(term.tty), tea.WithOutput(term.tty),
		tea.WithContext(context.Background()))
	loaded := make(chan error, 1)
	up := make(chan struct{})
	go loadInto(p, loaded, func(func(done, total int)) (*model.Library, error) {
		<-up
		panic("boom")
	})
	ran := make(chan error, 1)
	go func() {
		_, err := p.Run()
		ran <- err
	}()
	term.waitFor(t, "loading articles") // the reader is up
	close(up)
	if err := <-ran; err != nil {
		t.Errorf("Run = %v, want the program to quit", err)
	}
	if err := <-loaded; err == nil || !strings.Contains(err.Error(), "boom") || !strings.Contains(err.Error(), "loadInto") {
		t.Errorf("load error = %v, want the panic and its stack", err)
	}
	if out := term.drained(t); !altScreenLeft(out) {
		t.Errorf("terminal not restored:\n%q", out[max(0, len(out)-300):])
	}
}

func TestDashRefusesToReadATerminal(t *testing.T) {
	term := newTerminal(t)
	var stdout, stderr bytes.Buffer
	status := Run(t.Context(), []string{"list", "-"}, term.tty, &stdout, &stderr, nil)
	if status != exitUsage || !strings.Contains(stderr.String(), "pipe one in") {
		t.Errorf("status %d, stderr %q: want a usage error that says to pipe an article in", status, stderr.String())
	}
}

func TestSearchOnATerminalHighlightsMatches(t *testing.T) {
	for _, env := range [][]string{{"TERM=xterm-256color"}, {"TERM=xterm-256color", "NO_COLOR=1"}} {
		term := newTerminal(t)
		out, status := runOnTerminal(t, term, env, "search", "nordkorea")
		if status != exitOK {
			t.Fatalf("exit status %d", status)
		}
		if !regexp.MustCompile(`\x1b\[7m(Nordkorea)\x1b\[[0-9;]*m`).MatchString(out) {
			t.Errorf("%v: the match is not in reverse video:\n%q", env, out)
		}
	}
}

func TestReaderOnMissingPathsFailsWithoutTakingTheScreen(t *testing.T) {
	term := newTerminal(t)
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Run(t.Context(), []string{missing}, term.tty, term.tty, &stderr, []string{"TERM=xterm-256color"})
	}()
	var status int
	select {
	case status = <-done:
	case <-time.After(5 * time.Second):
		io.WriteString(term.master, "qq")
		<-done
		t.Fatal("the reader started on nothing and waited for a key")
	}
	if status != exitError || !strings.Contains(stderr.String(), missing) {
		t.Errorf("status %d, stderr %q: want 1 and the path named", status, stderr.String())
	}
	if out := term.drained(t); strings.Contains(out, ansi.SetModeAltScreenSaveCursor) {
		t.Errorf("the reader took the screen for nothing:\n%q", out)
	}
}

func TestStyledOutputCarriesOnlyKiosksOwnStyles(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"evil.txt": []byte(evilArticle)})
	for _, args := range [][]string{
		{"show", "1", "--comments", "--theme", "dark", dir},
		{"show", "1", "--theme", "light", dir},
		{"search", "text", dir},
	} {
		term := newTerminal(t)
		out, status := runOnTerminal(t, term, []string{"TERM=xterm-256color"}, args...)
		if status != exitOK {
			t.Fatalf("%v: exit status %d", args, status)
		}
		// Every escape sequence must be a colour or text style (SGR), and
		// nothing else may act on the terminal.
		rest := sgr.ReplaceAllString(out, "")
		if i := strings.IndexFunc(rest, isControl); i >= 0 {
			t.Errorf("%v: control %U outside a style at byte %d:\n%q", args, []rune(rest[i:])[0], i, rest)
		}
	}
}

func TestReaderOnAnEmptyFolderShowsTheFirstArticleCopiedIn(t *testing.T) {
	term := newTerminal(t)
	dir := t.TempDir()
	status := make(chan int, 1)
	go func() {
		status <- Run(t.Context(), []string{"--no-state", dir}, term.tty, term.tty, io.Discard, []string{"TERM=xterm-256color"})
	}()
	term.waitFor(t, "no articles to read")
	if err := os.WriteFile(filepath.Join(dir, "first.txt"), []byte("The first story\n\nIt arrived after kiosk started.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	term.waitFor(t, "The first story")
	io.WriteString(term.master, "q")
	select {
	case s := <-status:
		if s != exitOK {
			t.Errorf("exit status %d after an article arrived, want 0", s)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the reader did not quit")
	}
}
