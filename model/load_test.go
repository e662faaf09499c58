package model

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"kiosk/seeds"
)

func TestLoadFSEmbeddedSeeds(t *testing.T) {
	lib, err := LoadFS(seeds.FS, "kiosk seeds")
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(seeds.FS, "*.txt")
	if len(lib.Articles) != len(names) || len(lib.Articles) < 3 || lib.Articles[0].Byline != "Ivd" {
		t.Fatalf("seeds gave %d articles from %d files, want each, the seed first: %+v", len(lib.Articles), len(names), lib.Articles)
	}
	if len(lib.Skipped) != 0 {
		t.Errorf("skipped seeds: %v", lib.Skipped)
	}
}

// TestEmbeddedLibraryHasSomethingOfEverything: the built-in articles give a
// newcomer every shape to try without files of their own, German and
// English, and what the README's examples look for.
func TestEmbeddedLibraryHasSomethingOfEverything(t *testing.T) {
	lib, err := LoadFS(seeds.FS, "kiosk seeds")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[BlockKind]int{}
	bylines, places, footers := map[string]bool{}, map[string]bool{}, 0
	for _, a := range lib.Articles {
		if a.Title == "" || a.Byline == "" || a.Dateline == "" {
			t.Errorf("%s: title %q, byline %q, place %q: want each", a.Source, a.Title, a.Byline, a.Dateline)
		}
		bylines[a.Byline], places[a.Dateline] = true, true
		for _, b := range a.Blocks {
			kinds[b.Kind]++
			if strings.Contains(b.Text, " | ") {
				kinds[Preformatted]++ // a table row, however the parser takes it
			}
		}
		if a.Comments != nil && a.Comments.HasCount {
			footers++
		}
	}
	for _, k := range []BlockKind{Paragraph, Heading, ListItem, Preformatted} {
		if kinds[k] == 0 {
			t.Errorf("no %s in the built-in articles", k)
		}
	}
	if footers != len(lib.Articles) {
		t.Errorf("%d of %d built-in articles have a comments footer with a count", footers, len(lib.Articles))
	}
	if !places["München"] || !bylines["Ivd"] {
		t.Errorf("places %v, bylines %v: want München (the README's filter example) and the seed's Ivd", places, bylines)
	}
	english := false
	for _, a := range lib.Articles {
		english = english || strings.Contains(a.Title, "Welcome")
	}
	if !english {
		t.Error("no English article among the built-in ones")
	}
	for query, want := range map[string]int{"nordkorea": 1, "strasse": 1, "munchen": 1} {
		if got := len(lib.Search(query)); got < want {
			t.Errorf("search %q finds %d built-in articles, want at least %d", query, got, want)
		}
	}
}

func TestLoadFSOrderAndUniqueIDs(t *testing.T) {
	fsys := fstest.MapFS{
		"b/story.txt": {Data: []byte("Second story\n\nText of b.\n")},
		"a/story.txt": {Data: []byte("First story\n\nText of a.\n")},
		"image.png":   {Data: []byte("\x89PNG")},
	}
	lib, err := LoadFS(fsys, "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Articles) != 2 || lib.Articles[0].Title != "First story" || lib.Articles[1].Title != "Second story" {
		t.Fatalf("articles not in path order: %+v", lib.Articles)
	}
	if lib.Articles[0].ID != "story" || lib.Articles[1].ID != "story-2" {
		t.Errorf("IDs = %q, %q; want story, story-2", lib.Articles[0].ID, lib.Articles[1].ID)
	}
}

// TestLoadPathsSkipsBadFiles builds a folder of everything that is not an
// article and checks that each is skipped with a reason while the good
// file loads, and that nothing hangs.
func TestLoadPathsSkipsBadFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("good.txt", []byte("Von: Ivd\nEin Absatz.\n"))
	write("empty.txt", nil)
	write("binary", []byte{0x7f, 'E', 'L', 'F', 0, 0, 0, 1})
	write("ignored.jpg", []byte("not looked at"))
	write(".hidden.txt", []byte("not looked at"))
	big, err := os.Create(filepath.Join(dir, "huge.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()
	if err := os.Symlink("loop-b.txt", filepath.Join(dir, "loop-a.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop-a.txt", filepath.Join(dir, "loop-b.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(".", filepath.Join(dir, "self")); err != nil {
		t.Fatal(err)
	}

	lib := loadOrHang(t, dir)
	if len(lib.Articles) != 1 || lib.Articles[0].ID != "good" {
		t.Fatalf("articles = %+v, want only good.txt", lib.Articles)
	}
	want := map[string]string{
		"binary":     "binary",
		"empty.txt":  "empty",
		"huge.txt":   "larger than 16 MiB",
		"loop-a.txt": "symbolic links",
		"loop-b.txt": "symbolic links",
		"self":       "already read",
	}
	got := map[string]string{}
	for _, s := range lib.Skipped {
		got[filepath.Base(s.Path)] = s.Reason
	}
	for name, reason := range want {
		if !strings.Contains(got[name], reason) {
			t.Errorf("%s: skipped with reason %q, want one mentioning %q", name, got[name], reason)
		}
	}
	if len(got) != len(want) {
		t.Errorf("skipped %v, want exactly %v", got, want)
	}
}

// loadOrHang loads dir and fails the test should the load hang on a file
// that never ends, as a FIFO or a symbolic link loop could.
func loadOrHang(t *testing.T, dir string) *Library {
	t.Helper()
	type loaded struct {
		lib *Library
		err error
	}
	done := make(chan loaded, 1)
	go func() {
		lib, err := LoadPaths([]string{dir}, nil)
		done <- loaded{lib, err}
	}()
	select {
	case l := <-done:
		if l.err != nil {
			t.Fatal(l.err)
		}
		return l.lib
	case <-time.After(10 * time.Second):
		t.Fatal("LoadPaths hung")
		return nil
	}
}

func TestLoadPathsNamedFileAnyExtension(t *testing.T) {
	p := filepath.Join(t.TempDir(), "story.news")
	if err := os.WriteFile(p, []byte("Headline\n\nBody text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := LoadPaths([]string{p}, nil)
	if err != nil || len(lib.Articles) != 1 {
		t.Fatalf("a file named by the user was not read: %v %+v", err, lib)
	}
}

func TestLoadPathsNothingLoadsIsAnError(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadPaths([]string{dir}, nil); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("empty folder: error %v, want one naming %s", err, dir)
	}
	bin := filepath.Join(dir, "x.txt")
	if err := os.WriteFile(bin, []byte{0, 1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadPaths([]string{dir, filepath.Join(dir, "missing")}, nil)
	if err == nil || !strings.Contains(err.Error(), "x.txt: binary") || !strings.Contains(err.Error(), "missing: no such file") {
		t.Errorf("error %v does not name each path and its reason", err)
	}
}

func TestLoadPathsReportsProgress(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), bytes.Repeat([]byte("Word. "), 10), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var calls, last atomic.Int64
	if _, err := LoadPaths([]string{dir}, func(done, total int) {
		calls.Add(1)
		if total != 3 {
			t.Errorf("total = %d, want 3", total)
		}
		if done == total {
			last.Store(int64(done))
		}
	}); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 3 || last.Load() != 3 {
		t.Errorf("progress called %d times, final %d; want 3 and 3", calls.Load(), last.Load())
	}
}

func TestLoadPathsSkipsUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file: permissions cannot make one unreadable (TestLoadPathsSkipsFileThatFailsToRead covers root)")
	}
	dir := t.TempDir()
	for name, mode := range map[string]os.FileMode{"good.txt": 0o644, "secret.txt": 0o000} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("Headline\n\nBody.\n"), mode); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := LoadPaths([]string{dir}, nil)
	if err != nil || len(lib.Articles) != 1 {
		t.Fatalf("LoadPaths: %v, %d articles", err, len(lib.Articles))
	}
	if len(lib.Skipped) != 1 || !strings.Contains(lib.Skipped[0].Reason, "permission denied") {
		t.Errorf("skipped = %v, want secret.txt: permission denied", lib.Skipped)
	}
}

// TestLoadPathsSkipsFileThatFailsToRead uses /proc/self/mem, a regular file
// whose first page cannot be read, so that the read error path is covered
// even as root.
func TestLoadPathsSkipsFileThatFailsToRead(t *testing.T) {
	const mem = "/proc/self/mem"
	if _, err := os.Stat(mem); err != nil {
		t.Skip("no /proc on this system")
	}
	good := filepath.Join(t.TempDir(), "good.txt")
	if err := os.WriteFile(good, []byte("Headline\n\nBody.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := LoadPaths([]string{good, mem}, nil)
	if err != nil || len(lib.Articles) != 1 {
		t.Fatalf("LoadPaths: %v, %+v", err, lib)
	}
	if len(lib.Skipped) != 1 || lib.Skipped[0].Path != mem || lib.Skipped[0].Reason == "" {
		t.Errorf("skipped = %v, want %s with a reason", lib.Skipped, mem)
	}
}
