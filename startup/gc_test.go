package startup

import (
	"runtime/debug"
	"testing"
)

func TestHoldStopsCollectionUntilRestored(t *testing.T) {
	before := hold()
	defer restore(before)
	if percent := debug.SetGCPercent(-1); percent != -1 {
		t.Errorf("collection is not held: GOGC is %d", percent)
	}
	// A negative limit reads the limit without changing it.
	if limit := debug.SetMemoryLimit(-1); limit != min(before.limit, heldLimit) {
		t.Errorf("the heap is not bounded while collection is held: limit %d, want %d", limit, min(before.limit, heldLimit))
	}
	restore(before)
	if percent := debug.SetGCPercent(before.percent); percent != before.percent {
		t.Errorf("GOGC after the hold: %d, want %d as before it", percent, before.percent)
	}
	if limit := debug.SetMemoryLimit(-1); limit != before.limit {
		t.Errorf("memory limit after the hold: %d, want %d as before it", limit, before.limit)
	}
}
