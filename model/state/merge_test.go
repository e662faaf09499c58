package state

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// Two kiosk processes on one state file are two stores on one path: each
// save takes the lock, so these tests exercise the same flock and merge.

func TestTwoWritersKeepEachOthersChanges(t *testing.T) {
	path := statePath(t)
	c := newClock()
	a := openAt(t, path, c, 0)
	b := openAt(t, path, c, 0)

	a.MarkRead("x", true)
	mustFlush(t, a)
	c.advance(time.Second)
	b.SetStarred("y", true)
	b.SetStarred("x", true) // a read x, b stars it: both must stay
	mustFlush(t, b)
	c.advance(time.Second)
	a.SetPosition("z", Position{Block: 4, Line: 1})
	mustFlush(t, a)

	want := map[string]Entry{
		"x": {Read: true, Starred: true},
		"y": {Starred: true},
		"z": {Position: Position{Block: 4, Line: 1}},
	}
	after := reopen(t, path)
	for id, w := range want {
		if got := after.Get(id); got != w {
			t.Errorf("file: Get(%q) = %+v, want %+v", id, got, w)
		}
	}
	// A writer learns the other's changes when it saves.
	if got := a.Get("y"); got != want["y"] {
		t.Errorf("a after saving: Get(y) = %+v, want b's star", got)
	}
}

func TestLatestChangeToAFieldWins(t *testing.T) {
	path := statePath(t)
	c := newClock()
	a := openAt(t, path, c, 0)
	b := openAt(t, path, c, 0)

	a.MarkRead("x", true)
	a.SetPosition("x", Position{Block: 9})
	c.advance(time.Second)
	b.MarkRead("x", true)
	b.MarkRead("x", false) // b marks it unread again, after a read it
	// Saved in the opposite order of the changes: b's later change wins
	// all the same, and a's position, which b never touched, stays.
	mustFlush(t, b)
	mustFlush(t, a)

	want := Entry{Position: Position{Block: 9}}
	if got := reopen(t, path).Get("x"); got != want {
		t.Errorf("Get(x) = %+v, want %+v", got, want)
	}
	if got := a.Get("x"); got != want {
		t.Errorf("a after saving: Get(x) = %+v, want %+v", got, want)
	}
}

func TestConcurrentWritersLoseNothing(t *testing.T) {
	path := statePath(t)
	const perWriter = 150
	stores := make([]*Store, 3)
	for i := range stores {
		cfg := defaultConfig()
		cfg.delay = time.Millisecond
		s, warnings := openStore(path, cfg)
		if len(warnings) > 0 {
			t.Fatal(warnings)
		}
		stores[i] = s
	}
	var wg sync.WaitGroup
	for i, s := range stores {
		wg.Go(func() {
			for n := range perWriter {
				id := fmt.Sprintf("w%d-%d", i, n)
				s.MarkRead(id, true)
				if n%2 == 0 {
					s.SetStarred(id, true)
				}
				if n%25 == 0 {
					s.Flush()
				}
			}
		})
	}
	wg.Wait()
	for _, s := range stores {
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	after := reopen(t, path)
	for i := range stores {
		for n := range perWriter {
			id := fmt.Sprintf("w%d-%d", i, n)
			if want := (Entry{Read: true, Starred: n%2 == 0}); after.Get(id) != want {
				t.Fatalf("Get(%q) = %+v, want %+v: a writer's change was lost", id, after.Get(id), want)
			}
		}
	}
}

func TestMergeIsOrderIndependent(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	versions := []record{
		{Read: true, ReadAt: t0.Add(3), Position: Position{Block: 2}, PositionAt: t0.Add(1), Seen: t0},
		{Read: false, ReadAt: t0.Add(5), Starred: true, StarredAt: t0.Add(2)},
		{Starred: false, StarredAt: t0.Add(4), Position: Position{Block: 1}, PositionAt: t0.Add(1), Seen: t0.Add(9)},
	}
	want := record{
		ReadAt: t0.Add(5), StarredAt: t0.Add(4),
		Position: Position{Block: 2}, PositionAt: t0.Add(1), Seen: t0.Add(9),
	}
	orders := [][3]int{{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}}
	for _, o := range orders {
		got := merge(merge(versions[o[0]], versions[o[1]]), versions[o[2]])
		if got != want {
			t.Errorf("merge in order %v = %+v, want %+v", o, got, want)
		}
	}
}
