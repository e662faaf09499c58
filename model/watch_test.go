package model

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// watchFixture loads dir, watches it and hands each update to the test.
type watchFixture struct {
	t       *testing.T
	dir     string
	updates chan Update
	lib     *Library
}

// fastTiming is the watcher's timing shrunk a tenfold and more, so that the
// tests take milliseconds; its clock is now.
func fastTiming(now func() time.Time) watchTiming {
	return watchTiming{settle: 20 * time.Millisecond, tick: 5 * time.Millisecond, now: now}
}

func newWatchFixture(t *testing.T, files map[string]string) *watchFixture {
	t.Helper()
	return newWatchFixtureTimed(t, files, fastTiming(time.Now))
}

func newWatchFixtureTimed(t *testing.T, files map[string]string, timing watchTiming) *watchFixture {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		writeFile(t, filepath.Join(dir, name), text)
	}
	lib, err := LoadPaths([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := &watchFixture{t: t, dir: dir, updates: make(chan Update, 100), lib: lib}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	if err := watch(ctx, lib, []string{dir}, func(u Update) { f.updates <- u }, timing); err != nil {
		t.Fatal(err)
	}
	return f
}

func writeFile(t *testing.T, p, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// next waits for the next update; the brief promises one within a second
// of a change, and the wait allows for a loaded machine.
func (f *watchFixture) next() Update {
	f.t.Helper()
	select {
	case u := <-f.updates:
		f.lib = u.Lib
		return u
	case <-time.After(5 * time.Second):
		f.t.Fatal("no update within 5 s of a change")
		return Update{}
	}
}

func titles(lib *Library) []string {
	var s []string
	for _, a := range lib.Articles {
		s = append(s, a.Title)
	}
	return s
}

func TestWatchAddChangeRemove(t *testing.T) {
	f := newWatchFixture(t, map[string]string{"a.txt": "Alpha\n\nFirst.\n"})

	writeFile(t, filepath.Join(f.dir, "b.txt"), "Beta\n\nSecond.\n")
	u := f.next()
	if len(u.Added) != 1 || u.Added[0].Title != "Beta" || !slices.Equal(titles(u.Lib), []string{"Alpha", "Beta"}) {
		t.Fatalf("after adding b.txt: added %v, library %q", u.Added, titles(u.Lib))
	}
	if len(f.lib.Search("second")) != 1 {
		t.Error("an added article is not found by search")
	}

	oldID := f.lib.Articles[0].ID
	writeFile(t, filepath.Join(f.dir, "a.txt"), "Alpha renamed\n\nFirst, changed.\n")
	u = f.next()
	if len(u.Changed) != 1 || u.Changed[0].Title != "Alpha renamed" || u.Changed[0].ID != oldID {
		t.Fatalf("after changing a.txt: changed %v", u.Changed)
	}

	if err := os.Remove(filepath.Join(f.dir, "b.txt")); err != nil {
		t.Fatal(err)
	}
	u = f.next()
	if len(u.Removed) != 1 || u.Removed[0].Title != "Beta" || !slices.Equal(titles(u.Lib), []string{"Alpha renamed"}) {
		t.Fatalf("after removing b.txt: removed %v, library %q", u.Removed, titles(u.Lib))
	}
	if len(f.lib.Search("second")) != 0 {
		t.Error("a removed article is still found by search")
	}
}

func TestWatchNewSubfolderAndBadFile(t *testing.T) {
	f := newWatchFixture(t, map[string]string{"a.txt": "Alpha\n\nFirst.\n"})
	writeFile(t, filepath.Join(f.dir, "sub", "deep", "c.txt"), "Gamma\n\nThird.\n")
	u := f.next()
	if len(u.Added) != 1 || u.Added[0].Title != "Gamma" {
		t.Fatalf("a file in a new sub-folder was not added: %v", u.Added)
	}
	if err := os.WriteFile(filepath.Join(f.dir, "bin.txt"), []byte{0, 1, 2}, 0o644); err != nil {
		t.Fatal(err)
	}
	u = f.next()
	if len(u.Lib.Skipped) != 1 || !strings.Contains(u.Lib.Skipped[0].Reason, "binary") {
		t.Errorf("a new binary file is not reported as skipped: %v", u.Lib.Skipped)
	}
}

// TestWatchWaitsForFileToBeComplete writes a file in two parts with the
// watcher's clock stopped between them, so that the second always comes
// within the settle time however slow the machine, and expects one update
// with the whole text.
func TestWatchWaitsForFileToBeComplete(t *testing.T) {
	clock := &stoppableClock{}
	f := newWatchFixtureTimed(t, map[string]string{"a.txt": "Alpha\n\nFirst.\n"}, fastTiming(clock.now))
	p := filepath.Join(f.dir, "slow.txt")
	file, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	clock.stop()
	file.WriteString("Slow story\n\nThe first half")
	// Many ticks pass with half a file on disk: a watcher that did not
	// wait for it to settle would read it now.
	time.Sleep(20 * fastTiming(nil).tick)
	file.WriteString(" and the second half.\n")
	file.Close()
	clock.start()
	u := f.next()
	if len(u.Added) != 1 || !strings.HasSuffix(u.Added[0].Blocks[0].Text, "second half.") {
		t.Fatalf("picked up an incomplete file: %+v", u.Added)
	}
}

// TestWatchBatchesManyFiles writes a burst of files with the watcher's
// clock stopped, so that the burst falls within the settle time however
// slow the machine, and expects a few updates, not one a file.
func TestWatchBatchesManyFiles(t *testing.T) {
	clock := &stoppableClock{}
	f := newWatchFixtureTimed(t, map[string]string{"a.txt": "Alpha\n\nFirst.\n"}, fastTiming(clock.now))
	const n = 500
	clock.stop()
	for i := range n {
		writeFile(t, filepath.Join(f.dir, "batch", fmt.Sprintf("%04d.txt", i)), "Story\n\nText.\n")
	}
	clock.start()
	added, updates := 0, 0
	for added < n {
		added += len(f.next().Added)
		updates++
	}
	if updates > 20 {
		t.Errorf("%d files made %d updates; want them batched", n, updates)
	}
	if len(f.lib.Articles) != n+1 {
		t.Errorf("library has %d articles, want %d", len(f.lib.Articles), n+1)
	}
}

// stoppableClock is the real time until stopped, and then the time it was
// stopped at until started again.
type stoppableClock struct {
	mu      sync.Mutex
	stopped time.Time
}

func (c *stoppableClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.stopped.IsZero() {
		return c.stopped
	}
	return time.Now()
}

func (c *stoppableClock) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = time.Now()
}

func (c *stoppableClock) start() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = time.Time{}
}
