package state

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func newRegistry(t *testing.T, limits Limits) (*Registry, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "state")
	r, err := NewRegistry(dir, limits)
	if err != nil {
		t.Fatal(err)
	}
	return r, dir
}

func openUser(t *testing.T, r *Registry, fingerprint string) *Store {
	t.Helper()
	s, warnings := r.Open(fingerprint)
	if len(warnings) > 0 {
		t.Fatalf("open %q: %v", fingerprint, warnings)
	}
	return s
}

func TestSameKeyFindsItsStateAnotherKeyDoesNot(t *testing.T) {
	r, _ := newRegistry(t, Limits{})
	alice := openUser(t, r, "SHA256:alice")
	alice.MarkRead("a", true)
	alice.SetPosition("a", Position{Block: 3})
	alice.Close()

	again := openUser(t, r, "SHA256:alice")
	defer again.Close()
	if got := again.Get("a"); got != (Entry{Read: true, Position: Position{Block: 3}}) {
		t.Errorf("same key, second session: Get(a) = %+v", got)
	}
	bob := openUser(t, r, "SHA256:bob")
	defer bob.Close()
	if got := bob.Get("a"); got != (Entry{}) {
		t.Errorf("another key sees %+v", got)
	}
}

func TestSessionWithoutKeyKeepsNothing(t *testing.T) {
	r, dir := newRegistry(t, Limits{})
	s := openUser(t, r, "")
	s.MarkRead("a", true)
	s.Close()
	if persistent(s) {
		t.Error("a session without a key got a saved store")
	}
	if again := openUser(t, r, ""); again.Get("a").Read {
		t.Error("a later keyless session sees the first one's state")
	}
	if names := userFiles(t, dir); len(names) != 0 {
		t.Errorf("keyless sessions wrote files: %v", names)
	}
}

func TestFileNameNeverComesFromTheClient(t *testing.T) {
	r, dir := newRegistry(t, Limits{})
	for _, fp := range []string{"../../escape", "/etc/passwd", "a\x00b", "SHA256:" + strings.Repeat("x", 5000)} {
		s := openUser(t, r, fp)
		s.MarkRead("a", true)
		if err := s.Close(); err != nil {
			t.Fatalf("fingerprint %q: %v", fp, err)
		}
		if filepath.Dir(s.Path()) != dir {
			t.Errorf("fingerprint %q: state at %s, outside %s", fp, s.Path(), dir)
		}
	}
	safe := regexp.MustCompile(`^[0-9a-f]{32}\.state\.json(\.lock)?$`)
	all, _ := os.ReadDir(dir)
	for _, e := range all {
		if !safe.MatchString(e.Name()) {
			t.Errorf("file name %q in the state folder is not a hash", e.Name())
		}
	}
	if n := len(userFiles(t, dir)); n != 4 {
		t.Errorf("%d user files, want one per fingerprint (4)", n)
	}
}

func TestUserCapDropsTheLeastRecentReaders(t *testing.T) {
	r, dir := newRegistry(t, Limits{Users: 3})
	base := time.Now().Add(-time.Hour)
	for i := range 3 {
		s := openUser(t, r, fmt.Sprint("key", i))
		s.MarkRead("a", true)
		s.Close()
		// key0 came first, key2 last.
		os.Chtimes(s.Path(), base.Add(time.Duration(i)*time.Minute), base.Add(time.Duration(i)*time.Minute))
	}
	// key0 comes back and is now the most recent; key1 is the oldest.
	openUser(t, r, "key0").Close()
	held := openUser(t, r, "key2") // an open session is never dropped
	os.Chtimes(held.Path(), base, base)

	newcomer := openUser(t, r, "key3")
	newcomer.MarkRead("a", true)
	newcomer.Close()

	if n := len(userFiles(t, dir)); n != 3 {
		t.Errorf("%d user files after a fourth key, want the cap of 3", n)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, userFileName("key1")+"*")); len(leftovers) > 0 {
		t.Errorf("files of the dropped reader remain: %v", leftovers)
	}
	for key, want := range map[string]bool{"key0": true, "key1": false, "key2": true, "key3": true} {
		records, err := readFile(filepath.Join(dir, userFileName(key)))
		if got := err == nil && records["a"].Read; got != want {
			t.Errorf("%s kept its state = %v, want %v", key, got, want)
		}
	}
	held.Close()
}

func TestStreamOfNewKeysStaysBounded(t *testing.T) {
	r, dir := newRegistry(t, Limits{Users: 5, EntriesPerUser: 4})
	for i := range 40 {
		s := openUser(t, r, fmt.Sprint("key", i))
		for n := range 10 {
			s.SetStarred(fmt.Sprint("article", n), true)
		}
		s.Close()
	}
	files := userFiles(t, dir)
	if len(files) > 5 {
		t.Errorf("%d user files, want at most 5", len(files))
	}
	for _, name := range files {
		if records := mustRead(t, filepath.Join(dir, name)); len(records) > 4 {
			t.Errorf("%s holds %d entries, want at most 4", name, len(records))
		}
	}
	all, _ := os.ReadDir(dir)
	if len(all) > 2*5 { // a state file and its lock per reader
		t.Errorf("%d files in the state folder for 5 readers", len(all))
	}
}

func TestRegistryInUnwritableFolderFails(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o600)
	if _, err := NewRegistry(filepath.Join(file, "state"), Limits{}); err == nil {
		t.Error("NewRegistry succeeded under a regular file")
	}
}

func userFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), userFileSuffix) {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestKeysThatSaveNothingLeaveNothing: a stream of readers who connect and
// change nothing must not fill the folder with lock files either.
func TestKeysThatSaveNothingLeaveNothing(t *testing.T) {
	r, dir := newRegistry(t, Limits{Users: 3})
	for i := range 20 {
		s := openUser(t, r, fmt.Sprint("idle-key", i))
		s.Get("article")
		s.Close()
	}
	if all, _ := os.ReadDir(dir); len(all) != 0 {
		var names []string
		for _, e := range all {
			names = append(names, e.Name())
		}
		t.Errorf("readers who saved nothing left %d files: %v", len(all), names)
	}
}
