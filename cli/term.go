package cli

import (
	"io"

	"github.com/charmbracelet/x/term"
)

// terminal returns w as a terminal file when it is one.
func terminal(w any) (term.File, bool) {
	f, ok := w.(term.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return nil, false
	}
	return f, true
}

func isTerminal(w io.Writer) bool {
	_, ok := terminal(w)
	return ok
}

// terminalWidth is the width of the terminal w, or 0 when unknown.
func terminalWidth(w io.Writer) int {
	f, ok := terminal(w)
	if !ok {
		return 0
	}
	width, _, err := term.GetSize(f.Fd())
	if err != nil {
		return 0
	}
	return width
}
