package state

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// clock is a settable time source shared by the stores of one test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// openAt opens a store on path that saves only when flushed (the delay is
// long) and reads time from c; it fails the test on any warning.
func openAt(t *testing.T, path string, c *clock, maxEntries int) *Store {
	t.Helper()
	cfg := defaultConfig()
	cfg.maxEntries, cfg.delay, cfg.now = maxEntries, time.Hour, c.now
	s, warnings := openStore(path, cfg)
	if len(warnings) > 0 {
		t.Fatalf("open %s: unexpected warnings %v", path, warnings)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// reopen reads path with a fresh store, as the next kiosk run would.
func reopen(t *testing.T, path string) *Store {
	t.Helper()
	s, warnings := Open(path)
	if len(warnings) > 0 {
		t.Fatalf("reopen %s: unexpected warnings %v", path, warnings)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// persistent reports whether s saves its changes to its file.
func persistent(s *Store) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.persistent
}

func statePath(t *testing.T) string {
	return filepath.Join(t.TempDir(), "kiosk", "state.json")
}

func mustFlush(t *testing.T, s *Store) {
	t.Helper()
	if err := s.Flush(); err != nil {
		t.Fatalf("flush: %v", err)
	}
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
