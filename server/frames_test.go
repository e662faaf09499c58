package server

import (
	"testing"
	"time"
)

// Readers that start at different moments wait for the same frame grid, so
// that Bubble Tea's frame tickers fire together for all of them.
func TestReadersStartOnOneFrameGrid(t *testing.T) {
	origin := time.Now()
	var first time.Time
	for _, offset := range []time.Duration{0, time.Microsecond, 7 * time.Millisecond, framePeriod - time.Nanosecond, 5*framePeriod + 12*time.Millisecond, time.Hour + 3*time.Millisecond} {
		now := origin.Add(offset)
		wait := untilFrame(origin, now)
		if wait <= 0 || wait > framePeriod {
			t.Fatalf("at +%v: wait %v, want within one frame (%v)", offset, wait, framePeriod)
		}
		start := now.Add(wait)
		if first.IsZero() {
			first = start
			continue
		}
		if apart := start.Sub(first); apart%framePeriod != 0 {
			t.Errorf("a reader arriving at +%v starts %v after the first, not a whole number of frames (%v)", offset, apart, framePeriod)
		}
	}
}
