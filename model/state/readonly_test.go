package state

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func checkMemoryOnly(t *testing.T, s *Store, warnings []Warning) {
	t.Helper()
	if len(warnings) != 1 || warnings[0].Kind != NotSaved {
		t.Fatalf("warnings = %v, want exactly one NotSaved warning", warnings)
	}
	if persistent(s) {
		t.Error("persistent = true for a store that cannot save")
	}
	s.MarkRead("new", true)
	s.SetStarred("new", true)
	if err := s.Flush(); err != nil {
		t.Errorf("Flush on a read-only store = %v; the warning was already given once", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("Close on a read-only store = %v", err)
	}
	if got := s.Get("new"); got != (Entry{Read: true, Starred: true}) {
		t.Errorf("changes not kept in memory: %+v", got)
	}
}

// Works as root too: no permission can make a regular file a folder.
func TestFolderThatCannotExistWorksInMemory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-folder")
	os.WriteFile(file, []byte("x"), 0o600)
	s, warnings := Open(filepath.Join(file, "kiosk", "state.json"))
	checkMemoryOnly(t, s, warnings)
	if data := readBytes(t, file); string(data) != "x" {
		t.Errorf("the file in the way changed: %q", data)
	}
}

func TestReadOnlyFolderKeepsItsStateAndWorksInMemory(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes in read-only folders; TestFolderThatCannotExistWorksInMemory covers the memory-only path")
	}
	path := statePath(t)
	s0, _ := Open(path)
	s0.SetStarred("old", true)
	s0.Close()
	before := readBytes(t, path)
	dir := filepath.Dir(path)
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })

	s, warnings := Open(path)
	if !s.Get("old").Starred {
		t.Error("state in a read-only folder was not loaded")
	}
	checkMemoryOnly(t, s, warnings)
	if after := readBytes(t, path); !bytes.Equal(before, after) {
		t.Error("the state file in a read-only folder changed")
	}
}
