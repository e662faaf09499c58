package startup

import (
	"os"
	"runtime/debug"
	"testing"
	"time"
)

func TestCollectionIsHeldAtStartAndResumed(t *testing.T) {
	if os.Getenv("GOGC") == "" && before.percent != 100 {
		t.Errorf("the hold took GOGC for %d; with GOGC unset it is 100", before.percent)
	}
	if percent := debug.SetGCPercent(-1); percent != -1 {
		t.Fatalf("collection is not held at start: GOGC is %d", percent)
	}
	// A negative limit reads the limit without changing it.
	if limit := debug.SetMemoryLimit(-1); limit != heldLimit {
		t.Errorf("the heap is not bounded while collection is held: limit %d, want %d", limit, heldLimit)
	}
	Resume(0)
	deadline := time.Now().Add(5 * time.Second)
	for debug.SetMemoryLimit(-1) != before.limit {
		if time.Now().After(deadline) {
			t.Fatal("collection was never resumed")
		}
		time.Sleep(time.Millisecond)
	}
	if percent := debug.SetGCPercent(before.percent); percent != before.percent {
		t.Errorf("GOGC after resuming: %d, want %d as before the hold", percent, before.percent)
	}
}
