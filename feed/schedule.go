package feed

import (
	"time"
)

// Scheduling limits.
const (
	DefaultInterval = 30 * time.Minute
	// MaxBackoff bounds the wait after repeated failures and the wait a
	// feed's ttl may ask for.
	MaxBackoff = 24 * time.Hour
	// MaxRetryAfter bounds the wait a server's Retry-After may ask for.
	MaxRetryAfter = 7 * 24 * time.Hour
)

// Due describes a feed for scheduling its next fetch.
type Due struct {
	Interval   time.Duration // the reader's choice; 0 means DefaultInterval
	TTL        time.Duration // the feed's <ttl>: a minimum interval
	SkipHours  []int         // the feed's <skipHours>, UTC
	Errors     int           // failures in a row, 0 after a success
	RetryAfter time.Duration // what the last 429 or 503 asked for
}

// NextFetch is when a feed fetched at last should be fetched again: every
// interval (at least the feed's ttl), doubling with each failure in a row
// up to MaxBackoff, never before a Retry-After has passed, and moved out of
// the hours the feed asks readers to skip.
func NextFetch(last time.Time, d Due) time.Time {
	interval := d.Interval
	if interval <= 0 {
		interval = DefaultInterval
	}
	interval = max(interval, min(d.TTL, MaxBackoff))
	if d.Errors > 0 {
		interval = min(interval<<min(d.Errors, 16), max(MaxBackoff, interval))
	}
	next := last.Add(interval)
	if d.RetryAfter > 0 {
		next = maxTime(next, last.Add(min(d.RetryAfter, MaxRetryAfter)))
	}
	return skipHours(next, d.SkipHours)
}

// skipHours moves t to the start of the first hour the feed does not skip.
func skipHours(t time.Time, hours []int) time.Time {
	var skip [24]bool
	n := 0
	for _, h := range hours {
		if h >= 0 && h < 24 && !skip[h] {
			skip[h] = true
			n++
		}
	}
	if n == 0 || n == 24 {
		return t
	}
	for skip[t.UTC().Hour()] {
		t = t.UTC().Truncate(time.Hour).Add(time.Hour)
	}
	return t
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
