package state

import (
	"errors"
	"fmt"
)

// WarningKind tells what a Warning is about.
type WarningKind int

const (
	// Corrupt: the state file could not be read or parsed. It was moved
	// aside to MovedTo (kept for the curious, never read again) and the
	// store started empty.
	Corrupt WarningKind = iota
	// NotSaved: the store works in memory only, because the state file or
	// its folder cannot be written or the file belongs to a newer kiosk.
	NotSaved
)

// A Warning is a problem the store recovered from. Show it to the user once;
// the store keeps working either way. File paths in it come from the caller
// or the file system: sanitise before drawing them in a terminal.
type Warning struct {
	Kind    WarningKind
	Path    string // the state file
	MovedTo string // Corrupt only: where the unreadable file now is
	Err     error  // the underlying cause
}

func (w Warning) Error() string {
	switch w.Kind {
	case Corrupt:
		return fmt.Sprintf("state file %s could not be read (%v): moved it to %s and started with empty state",
			w.Path, w.Err, w.MovedTo)
	default:
		advice := "make its folder writable or choose another state file"
		if errors.Is(w.Err, errNewer) {
			advice = "it is left untouched; use the newer kiosk or choose another state file"
		}
		where := ""
		if w.Path != "" {
			where = " to " + w.Path
		}
		return fmt.Sprintf("reading state will not be saved%s (%v): read marks, stars and places last for this session only; %s",
			where, w.Err, advice)
	}
}

func (w Warning) Unwrap() error { return w.Err }
