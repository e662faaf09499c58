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
// grid of frames shared by every reader of the process. Bubble Tea's frame
// ticker starts when its program runs, so readers started on the grid wake
// together, once a frame for all of them, instead of each at its own moment:
// 200 idle readers took a third of the CPU.
func untilFrame(now time.Time) time.Duration {
	return now.Truncate(framePeriod).Add(framePeriod).Sub(now)
}
