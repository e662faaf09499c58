// Package startup holds garbage collection off while kiosk starts.
//
// Package inits (chroma's lexers and styles above all) allocate several
// megabytes, so the collector would run three or four times before the
// reader's first frame, each time scanning the globals of a binary that
// carries SQLite. Its init runs early, before the packages that import it,
// and holds collection off until Resume, or until the heap reaches heldLimit.
package startup

import (
	"runtime/debug"
	"time"
)

// heldLimit bounds the heap while collection is held: past it the
// collector runs anyway, so a big library loading at start is not held.
const heldLimit = 64 << 20

// before is how collection was set up before the hold: GOGC and
// GOMEMLIMIT, or their defaults.
var before = hold()

type settings struct {
	percent int
	limit   int64
}

func hold() settings {
	limit := debug.SetMemoryLimit(heldLimit)
	return settings{percent: debug.SetGCPercent(-1), limit: limit}
}

// Resume gives collection back after the given time: soon enough to cost
// no memory, late enough for the first frame to be drawn.
func Resume(after time.Duration) {
	time.AfterFunc(after, restore)
}

func restore() {
	debug.SetGCPercent(before.percent)
	debug.SetMemoryLimit(before.limit)
}
