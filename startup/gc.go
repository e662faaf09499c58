// Package startup holds garbage collection off while kiosk starts.
//
// Package inits (chroma's lexers and styles above all) allocate several
// megabytes, so the collector would run three or four times before the
// reader's first frame, each time scanning the globals of a binary that
// carries SQLite. This package's init holds collection off for heldFor, or
// until the heap reaches heldLimit. Init order follows import paths, so it
// runs after chroma's: one collection still happens before it.
package startup

import (
	"runtime/debug"
	"time"
)

const (
	// heldFor covers the reader's first frame with room to spare, and is
	// short enough to cost no memory.
	heldFor = 100 * time.Millisecond
	// heldLimit bounds the heap while collection is held: past it the
	// collector runs anyway, so a big library loading at start is not held.
	heldLimit = 64 << 20
)

func init() {
	before := hold()
	time.AfterFunc(heldFor, func() { restore(before) })
}

// settings are GOGC and GOMEMLIMIT as the runtime has them.
type settings struct {
	percent int
	limit   int64
}

// hold stops collection, bounded by heldLimit (or a lower GOMEMLIMIT), and
// returns the settings to restore.
func hold() settings {
	limit := debug.SetMemoryLimit(-1)
	debug.SetMemoryLimit(min(limit, heldLimit))
	return settings{percent: debug.SetGCPercent(-1), limit: limit}
}

func restore(s settings) {
	debug.SetGCPercent(s.percent)
	debug.SetMemoryLimit(s.limit)
}
