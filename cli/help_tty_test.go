//go:build unix

package cli

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

// TestHelpFitsTheTerminal: on a 60-column terminal every line of help fits
// and no word is broken; piped, no line is padded with spaces.
func TestHelpFitsTheTerminal(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"serve", "--help"}, {"help", "show"}} {
		wide := words(kiosk(t, args...).stdout)
		term := newTerminal(t)
		if err := pty.Setsize(term.master, &pty.Winsize{Rows: 30, Cols: 60}); err != nil {
			t.Fatal(err)
		}
		out, status := runOnTerminal(t, term, []string{"TERM=xterm-256color"}, args...)
		if status != exitOK {
			t.Fatalf("%v: exit status %d", args, status)
		}
		text := ansi.Strip(out)
		for line := range strings.SplitSeq(text, "\n") {
			if w := ansi.StringWidth(line); w > 60 {
				t.Errorf("%v: line of %d columns on a 60-column terminal: %q", args, w, line)
			}
		}
		for _, w := range words(text) {
			if !slices.Contains(wide, w) {
				t.Errorf("%v: %q is a broken word; lines must break between words", args, w)
			}
		}
		if len(wide) < 50 {
			t.Errorf("%v: hardly any help printed: %q", args, wide)
		}
	}
	for _, args := range [][]string{{"--help"}, {"list", "--help"}} {
		for line := range strings.SplitSeq(kiosk(t, args...).stdout, "\n") {
			if strings.HasSuffix(line, " ") {
				t.Errorf("%v: piped help pads lines with spaces: %q", args, line)
			}
		}
	}
}
