package feed

import (
	"testing"
	"time"
)

func TestNextFetch(t *testing.T) {
	last := time.Date(2026, 11, 30, 10, 15, 0, 0, time.UTC)
	cases := []struct {
		name string
		due  Due
		want time.Duration // after last
	}{
		{"default every 30 minutes", Due{}, 30 * time.Minute},
		{"the reader's interval", Due{Interval: time.Hour}, time.Hour},
		{"a ttl longer than the interval is the minimum", Due{TTL: 2 * time.Hour}, 2 * time.Hour},
		{"a ttl shorter than the interval changes nothing", Due{TTL: 5 * time.Minute}, 30 * time.Minute},
		{"a ttl of a year waits no more than a day", Due{TTL: 365 * 24 * time.Hour}, MaxBackoff},
		{"one failure doubles", Due{Errors: 1}, time.Hour},
		{"three failures", Due{Errors: 3}, 4 * time.Hour},
		{"many failures wait a day at most", Due{Errors: 40}, MaxBackoff},
		{"Retry-After beyond the interval", Due{RetryAfter: 3 * time.Hour, Errors: 1}, 3 * time.Hour},
		{"Retry-After within the back-off", Due{RetryAfter: time.Minute, Errors: 1}, time.Hour},
		{"Retry-After of a month waits a week", Due{RetryAfter: 30 * 24 * time.Hour}, MaxRetryAfter},
	}
	for _, c := range cases {
		if got := NextFetch(last, c.due).Sub(last); got != c.want {
			t.Errorf("%s: due after %v, want %v", c.name, got, c.want)
		}
	}
}

func TestNextFetchSkipHours(t *testing.T) {
	last := time.Date(2026, 11, 30, 10, 15, 0, 0, time.UTC) // due at 10:45
	got := NextFetch(last, Due{SkipHours: []int{10, 11, 13}})
	if want := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("due %v, want %v: the first hour not skipped", got, want)
	}
	got = NextFetch(last, Due{SkipHours: []int{22, 23, 0, 1}, Interval: 12 * time.Hour}) // 22:15
	if want := time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("due %v, want %v: skipping across midnight", got, want)
	}
	all := make([]int, 24)
	for i := range all {
		all[i] = i
	}
	if got := NextFetch(last, Due{SkipHours: all}); !got.Equal(last.Add(DefaultInterval)) {
		t.Errorf("every hour skipped: due %v, want the skip list ignored", got)
	}
	cet := time.FixedZone("CET", 3600)
	got = NextFetch(last.In(cet), Due{SkipHours: []int{10}})
	if want := time.Date(2026, 11, 30, 11, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("skip hours are UTC: due %v, want %v", got, want)
	}
}
