package state

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnreadableFileIsMovedAsideAndStateStartsEmpty(t *testing.T) {
	cases := map[string]func(path string) error{
		"garbage":     func(p string) error { return os.WriteFile(p, []byte("{\"version\":1,\"articles\":{\"a\":"), 0o600) },
		"empty file":  func(p string) error { return os.WriteFile(p, nil, 0o600) },
		"wrong shape": func(p string) error { return os.WriteFile(p, []byte(`{"version":1,"articles":[1,2]}`), 0o600) },
		"no version":  func(p string) error { return os.WriteFile(p, []byte(`{"articles":{}}`), 0o600) },
		"binary":      func(p string) error { return os.WriteFile(p, []byte{0xff, 0xfe, 0, 1, 2}, 0o600) },
	}
	for name, breakFile := range cases {
		t.Run(name, func(t *testing.T) {
			path := statePath(t)
			os.MkdirAll(filepath.Dir(path), 0o700)
			if err := breakFile(path); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(path)

			s, warnings := Open(path)
			defer s.Close()
			if len(warnings) != 1 || warnings[0].Kind != Corrupt {
				t.Fatalf("warnings = %v, want one Corrupt warning", warnings)
			}
			w := warnings[0]
			if !strings.Contains(w.Error(), path) || !strings.Contains(w.Error(), w.MovedTo) {
				t.Errorf("warning %q does not name both %s and where it went", w.Error(), path)
			}
			if !strings.HasPrefix(w.MovedTo, path+".corrupt-") {
				t.Errorf("moved to %q, want %s.corrupt-<time>", w.MovedTo, path)
			}
			if after, err := os.ReadFile(w.MovedTo); err != nil || !bytes.Equal(after, before) {
				t.Errorf("the moved-aside file does not hold the original bytes: %q, %v", after, err)
			}
			if !persistent(s) {
				t.Error("store does not save after moving the broken file aside")
			}
			s.MarkRead("a", true)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if !reopen(t, path).Get("a").Read {
				t.Error("new state not saved in place of the broken file")
			}
		})
	}
}

func TestSecondCorruptFileGetsItsOwnName(t *testing.T) {
	path := statePath(t)
	os.MkdirAll(filepath.Dir(path), 0o700)
	var moved []string
	for range 2 {
		os.WriteFile(path, []byte("not json"), 0o600)
		s, warnings := Open(path)
		s.Close()
		if len(warnings) != 1 {
			t.Fatalf("warnings = %v", warnings)
		}
		moved = append(moved, warnings[0].MovedTo)
	}
	if moved[0] == moved[1] {
		t.Fatalf("both broken files moved to %s: the first was overwritten", moved[0])
	}
	for _, m := range moved {
		if data, err := os.ReadFile(m); err != nil || string(data) != "not json" {
			t.Errorf("%s: %q, %v", m, data, err)
		}
	}
}

func TestFileBrokenWhileRunningIsMovedAsideOnSave(t *testing.T) {
	path := statePath(t)
	s, _ := Open(path)
	defer s.Close()
	s.MarkRead("a", true)
	mustFlush(t, s)
	os.WriteFile(path, []byte("}{"), 0o600)

	s.SetStarred("b", true)
	err := s.Flush()
	w, ok := err.(Warning)
	if !ok || w.Kind != Corrupt {
		t.Fatalf("Flush = %v, want a Corrupt warning", err)
	}
	if data, _ := os.ReadFile(w.MovedTo); string(data) != "}{" {
		t.Errorf("moved-aside file holds %q", data)
	}
	after := reopen(t, path)
	if after.Get("a") != (Entry{Read: true}) || after.Get("b") != (Entry{Starred: true}) {
		t.Errorf("saved state lost what this process knew: a=%+v b=%+v", after.Get("a"), after.Get("b"))
	}
}

func TestNewerFormatIsLeftUntouched(t *testing.T) {
	path := statePath(t)
	os.MkdirAll(filepath.Dir(path), 0o700)
	newer := []byte(`{"version":2,"articles":{"a":{"read":true,"tags":["x"]}}}`)
	os.WriteFile(path, newer, 0o600)

	s, warnings := Open(path)
	if len(warnings) != 1 || warnings[0].Kind != NotSaved || !strings.Contains(warnings[0].Error(), "newer") {
		t.Fatalf("warnings = %v, want one NotSaved warning about a newer kiosk", warnings)
	}
	s.MarkRead("b", true)
	s.Close()
	if got := readBytes(t, path); !bytes.Equal(got, newer) {
		t.Errorf("a newer kiosk's file was rewritten: %s", got)
	}
}

func TestStaleTempFilesAreCleared(t *testing.T) {
	path := statePath(t)
	os.MkdirAll(filepath.Dir(path), 0o700)
	stale := path + tmpSuffix + "123"
	os.WriteFile(stale, []byte("half a write"), 0o600)
	s := reopen(t, path)
	s.MarkRead("a", true)
	mustFlush(t, s)
	if _, err := os.Stat(stale); err == nil {
		t.Error("a temporary file left by a killed writer is still there")
	}
}

func TestFolderAtThePathIsLeftAlone(t *testing.T) {
	checkLeftAlone(t, func(p string) error {
		if err := os.Mkdir(p, 0o700); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(p, "notes.txt"), []byte("mine"), 0o600)
	})
}

// checkLeftAlone opens a state file at a path that makePath has made into
// something other than a regular file: the store must work in memory and
// leave the path, and the folder around it, as they were.
func checkLeftAlone(t *testing.T, makePath func(path string) error) {
	t.Helper()
	path := statePath(t)
	os.MkdirAll(filepath.Dir(path), 0o700)
	if err := makePath(path); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Lstat(path)
	s, warnings := Open(path) // must not block on a pipe
	checkMemoryOnly(t, s, warnings)
	after, err := os.Lstat(path)
	if err != nil || after.Mode() != before.Mode() {
		t.Fatalf("%s was moved or replaced: %v", path, err)
	}
	if beside, _ := filepath.Glob(path + ".*"); len(beside) > 0 {
		t.Errorf("files created beside it: %v", beside)
	}
}

func TestEmptyPathWorksInMemory(t *testing.T) {
	t.Chdir(t.TempDir())
	s, warnings := Open("")
	checkMemoryOnly(t, s, warnings)
	if entries, _ := os.ReadDir("."); len(entries) > 0 {
		t.Errorf("an empty path wrote %v in the working folder", entries[0].Name())
	}
}

func TestSymlinkedStateFileStaysALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "kiosk-state.json")
	os.MkdirAll(filepath.Dir(target), 0o700)
	link := filepath.Join(dir, "state.json")
	s0, _ := Open(target)
	s0.SetStarred("a", true)
	s0.Close()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}

	s := reopen(t, link)
	s.MarkRead("a", true)
	mustFlush(t, s)
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a file (%v)", err)
	}
	if got := mustRead(t, target)["a"]; !got.Read || !got.Starred {
		t.Errorf("the link's target holds %+v, want read and starred", got)
	}
}
