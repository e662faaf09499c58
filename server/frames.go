package server

import "time"

// frameRate is how often a reader's screen is sent, at most. Bubble Tea
// wakes every reader this often whether or not anything changed, which is
// most of what idle readers cost: 100 idle readers took 6.5-7% of a core at
// its default of 60, 4-5% at 30. Lower saved no more, and every frame
// waited for (the first one too) is up to 1/frameRate later.
const frameRate = 30

// framePeriod is the time between two of a reader's frames.
const framePeriod = time.Second / frameRate

// untilFrame returns how long to wait from now for the next boundary of a
// grid of frames that starts at origin and is shared by every reader of the
// server. Bubble Tea's frame ticker starts when its program runs, so readers
// started on the grid wake together, within the moment a program takes to
// start its ticker, instead of each at its own time: 200 idle readers took
// 9-12% of a core, 4-6.5% on the grid. Both times carry the monotonic clock,
// which the tickers run on.
func untilFrame(origin, now time.Time) time.Duration {
	return framePeriod - now.Sub(origin)%framePeriod
}
