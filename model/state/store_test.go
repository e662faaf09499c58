package state

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	path := statePath(t)
	s, warnings := Open(path)
	if len(warnings) > 0 {
		t.Fatalf("fresh open warned: %v", warnings)
	}
	if !persistent(s) || s.Path() != path {
		t.Fatalf("persistent = %v, Path() = %q; want true, %q", persistent(s), s.Path(), path)
	}
	s.MarkRead("a", true)
	s.SetStarred("b", true)
	s.SetPosition("c", Position{Block: 7, Line: 3})
	s.MarkRead("d", true)
	s.MarkRead("d", false)
	if err := s.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	again := reopen(t, path)
	want := map[string]Entry{
		"a":       {Read: true},
		"b":       {Starred: true},
		"c":       {Position: Position{Block: 7, Line: 3}},
		"d":       {},
		"unknown": {},
	}
	for id, w := range want {
		if got := again.Get(id); got != w {
			t.Errorf("Get(%q) after reopening = %+v, want %+v", id, got, w)
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("state file mode %v, want 0600: reading history is private", perm)
	}
}

func TestSavesSoonAfterAChangeWithoutClose(t *testing.T) {
	path := statePath(t)
	s, _ := Open(path)
	defer s.Close()
	s.MarkRead("a", true)
	deadline := time.Now().Add(5 * time.Second)
	for {
		records, err := readFile(path)
		if err == nil && records["a"].Read {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("change not on disk %v after it was made (err %v)", 5*time.Second, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestNegativePositionCountsAsTop(t *testing.T) {
	s := NewMemory()
	s.SetPosition("a", Position{Block: -2, Line: -1})
	if got := s.Get("a").Position; got != (Position{}) {
		t.Errorf("position = %+v, want the top", got)
	}
}

func TestMemoryStoreWritesNothing(t *testing.T) {
	s := NewMemory()
	s.MarkRead("a", true)
	s.SetStarred("a", true)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if got := s.Get("a"); got != (Entry{Read: true, Starred: true}) {
		t.Errorf("Get = %+v, want read and starred in memory", got)
	}
	if persistent(s) || s.Path() != "" {
		t.Errorf("memory store: persistent = %v, Path() = %q", persistent(s), s.Path())
	}
}

func TestLaterSaveFailureIsReportedAndStateKept(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "kiosk")
	path := filepath.Join(dir, "state.json")
	s, _ := Open(path)
	defer s.Close()
	// The folder vanishes and a file takes its place: saves cannot work,
	// even as root.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s.MarkRead("a", true)
	if err := s.Flush(); err == nil {
		t.Fatal("Flush succeeded with the folder replaced by a file")
	}
	if !s.Get("a").Read {
		t.Error("the change was lost from memory after a failed save")
	}

	// Once the folder is back, the next flush saves what was pending.
	os.Remove(dir)
	os.Mkdir(dir, 0o700)
	if err := s.Flush(); err != nil {
		t.Fatalf("flush after the folder came back: %v", err)
	}
	if !reopen(t, path).Get("a").Read {
		t.Error("pending change not saved once the folder came back")
	}
}

func TestChangesAfterCloseStayInMemory(t *testing.T) {
	path := statePath(t)
	s, _ := Open(path)
	s.MarkRead("a", true)
	s.Close()
	s.MarkRead("b", true)
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if reopen(t, path).Get("b").Read {
		t.Error("a change made after Close was saved")
	}
	if !s.Get("b").Read {
		t.Error("a change made after Close is not kept in memory")
	}
}
