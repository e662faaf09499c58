package model

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Update is a new snapshot of a watched library and what changed since the
// last one. Removed holds the articles as they were.
type Update struct {
	Lib     *Library
	Added   []*Article
	Changed []*Article
	Removed []*Article
}

// watchTiming says when a watched library reads its files: a file is read
// once it has had no events and kept its size for settle, checked every
// tick, so that one still being written is picked up complete, and a burst
// of thousands of files makes a few updates, not thousands. Tests set their
// own, to run in milliseconds and on a clock they control.
type watchTiming struct {
	settle, tick time.Duration
	now          func() time.Time
}

func defaultWatchTiming() watchTiming {
	return watchTiming{settle: 300 * time.Millisecond, tick: 100 * time.Millisecond, now: time.Now}
}

// Watch follows the folders and files in paths, from which lib was loaded,
// and calls onUpdate with a new snapshot after each batch of changes:
// files added, changed or deleted, in sub-folders too. It returns once the
// watches are set up and stops when ctx is done. onUpdate runs on Watch's
// own goroutine.
func Watch(ctx context.Context, lib *Library, paths []string, onUpdate func(Update)) error {
	return watch(ctx, lib, paths, onUpdate, defaultWatchTiming())
}

func watch(ctx context.Context, lib *Library, paths []string, onUpdate func(Update), timing watchTiming) error {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	w := &watcher{
		fsw:      fsw,
		lib:      lib,
		byPath:   make(map[string]*Article, len(lib.Articles)),
		named:    map[string]bool{},
		pending:  map[string]*pendingFile{},
		onUpdate: onUpdate,
		timing:   timing,
	}
	for _, a := range lib.Articles {
		w.byPath[filepath.Clean(a.path)] = a
	}
	for _, p := range paths {
		if err := w.watchRoot(filepath.Clean(p)); err != nil {
			fsw.Close()
			return err
		}
	}
	go w.run(ctx)
	return nil
}

type watcher struct {
	fsw      *fsnotify.Watcher
	lib      *Library
	byPath   map[string]*Article
	named    map[string]bool // files the user named, watched through their folder
	trees    []string        // folders the user named
	pending  map[string]*pendingFile
	onUpdate func(Update)
	timing   watchTiming
}

type pendingFile struct {
	last time.Time // of the last event or size change
	size int64
}

func (w *watcher) watchRoot(p string) error {
	info, err := os.Stat(p)
	if err != nil {
		return nil // reported as skipped by the load; nothing to watch
	}
	if !info.IsDir() {
		w.named[p] = true
		return w.fsw.Add(filepath.Dir(p))
	}
	w.trees = append(w.trees, p)
	return w.watchTree(p, false)
}

// watchTree watches dir and every folder below it. For a folder that has
// just appeared it queues the files already there: files written before the
// watch was set up give no events.
func (w *watcher) watchTree(dir string, queueFiles bool) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case p != dir && strings.HasPrefix(d.Name(), "."):
			if d.IsDir() {
				return filepath.SkipDir
			}
		case d.IsDir():
			return w.fsw.Add(p)
		case queueFiles:
			w.queue(p)
		}
		return nil
	})
}

func (w *watcher) run(ctx context.Context) {
	defer w.fsw.Close()
	ticker := time.NewTicker(w.timing.tick)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.handle(ev)
		case _, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			// An overflow loses events: the next event or tick of any file
			// brings that file back in line; nothing else is lost.
		case <-ticker.C:
			w.flush()
		}
	}
}

func (w *watcher) handle(ev fsnotify.Event) {
	name := filepath.Clean(ev.Name)
	if strings.HasPrefix(filepath.Base(name), ".") {
		return
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(name); err == nil && info.IsDir() {
			_ = w.watchTree(name, true) // a folder we cannot watch is a folder we cannot read
			return
		}
	}
	w.queue(name)
}

func (w *watcher) queue(p string) {
	if !w.wanted(p) {
		return
	}
	if f := w.pending[p]; f != nil {
		f.last = w.timing.now()
		return
	}
	w.pending[p] = &pendingFile{last: w.timing.now(), size: -1}
}

// wanted reports whether p is an article of the library or may become one:
// a file the user named, or an article file inside a folder they named.
func (w *watcher) wanted(p string) bool {
	if w.byPath[p] != nil || w.named[p] {
		return true
	}
	if !isArticleName(p) {
		return false
	}
	for _, t := range w.trees {
		if strings.HasPrefix(p, t+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// flush reads the files that have settled and makes one update of them.
func (w *watcher) flush() {
	now := w.timing.now()
	var ready []string
	for p, f := range w.pending {
		if now.Sub(f.last) < w.timing.settle {
			continue
		}
		info, err := os.Stat(p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err == nil && info.Size() != f.size:
			f.size, f.last = info.Size(), now // still being written
			continue
		}
		ready = append(ready, p)
		delete(w.pending, p)
	}
	if len(ready) > 0 {
		w.apply(ready)
	}
}

func (w *watcher) apply(paths []string) {
	var files []source
	removed := map[string]bool{}
	for _, p := range paths {
		info, err := os.Stat(p)
		switch {
		case err != nil:
			removed[p] = true
		case info.Mode().IsRegular():
			files = append(files, source{p, fileKey(p), info.Size(), func() ([]byte, error) { return ReadRegularFile(p, MaxFileSize) }})
		}
	}
	articles, reasons := parseAll(files, nil)

	var u Update
	gone := map[*Article]bool{}
	skipped := map[string]string{}
	for p := range removed {
		if old := w.byPath[p]; old != nil {
			u.Removed = append(u.Removed, old)
			gone[old] = true
			delete(w.byPath, p)
		}
	}
	taken := make(map[string]bool, len(w.lib.Articles))
	for _, a := range w.lib.Articles {
		if !gone[a] {
			taken[a.ID] = true
		}
	}
	var fresh []*Article
	for i, a := range articles {
		p := files[i].path
		old := w.byPath[p]
		switch {
		case a == nil && old != nil:
			u.Removed = append(u.Removed, old)
			gone[old] = true
			delete(w.byPath, p)
			skipped[p] = reasons[i]
		case a == nil:
			skipped[p] = reasons[i]
		case old != nil:
			a.ID = old.ID // the same file keeps its ID, and so its reading state
			u.Changed = append(u.Changed, a)
			gone[old] = true
			fresh = append(fresh, a)
			w.byPath[p] = a
		default:
			claimID(a, taken)
			u.Added = append(u.Added, a)
			fresh = append(fresh, a)
			w.byPath[p] = a
		}
	}
	if len(u.Added)+len(u.Changed)+len(u.Removed) == 0 && len(skipped) == 0 {
		return
	}
	u.Lib = w.next(gone, fresh, skipped, paths)
	w.lib = u.Lib
	w.onUpdate(u)
}

// next makes the snapshot that follows the current one, and updates the
// search index they share.
func (w *watcher) next(gone map[*Article]bool, fresh []*Article, skipped map[string]string, touched []string) *Library {
	prev := w.lib
	lib := &Library{Name: prev.Name}
	for _, a := range prev.Articles {
		if !gone[a] {
			lib.Articles = append(lib.Articles, a)
		}
	}
	lib.Articles = append(lib.Articles, fresh...)
	slices.SortFunc(lib.Articles, func(a, b *Article) int { return strings.Compare(a.path, b.path) })

	for _, s := range prev.Skipped {
		if !slices.Contains(touched, s.Path) {
			lib.Skipped = append(lib.Skipped, s)
		}
	}
	for p, reason := range skipped {
		lib.Skipped = append(lib.Skipped, Skipped{p, reason})
	}
	slices.SortFunc(lib.Skipped, func(a, b Skipped) int { return strings.Compare(a.Path, b.Path) })

	if ix := prev.index.Load(); ix != nil {
		for a := range gone {
			ix.Remove(a)
		}
		for _, a := range fresh {
			ix.Add(a)
		}
		lib.index.Store(ix)
	}
	return lib
}
