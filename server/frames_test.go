package server

import (
	"testing"
	"time"
)

// Readers that start at different moments wait for the same frame grid, so
// that Bubble Tea's frame tickers fire together for all of them.
func TestReadersStartOnOneFrameGrid(t *testing.T) {
	base := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	var grid time.Time
	for _, offset := range []time.Duration{0, time.Microsecond, 7 * time.Millisecond, framePeriod - time.Nanosecond, 5*framePeriod + 12*time.Millisecond, time.Hour + 3*time.Millisecond} {
		now := base.Add(offset)
		wait := untilFrame(now)
		if wait <= 0 || wait > framePeriod {
			t.Fatalf("at +%v: wait %v, want within one frame (%v)", offset, wait, framePeriod)
		}
		start := now.Add(wait)
		if grid.IsZero() {
			grid = start
			continue
		}
		if apart := start.Sub(grid); apart%framePeriod != 0 {
			t.Errorf("a reader arriving at +%v starts %v after the first, not a whole number of frames (%v)", offset, apart, framePeriod)
		}
	}
}
