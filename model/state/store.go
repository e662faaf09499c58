// Package state remembers, per article, whether it was read, whether it is
// starred and where the reader left it, in a JSON file that survives crashes
// and is shared safely between several kiosk processes.
//
// Every change is saved shortly after it is made (see SaveDelay) by writing
// a temporary file, syncing it and renaming it over the state file. Each
// save takes an exclusive lock on a ".lock" file beside the state file,
// re-reads the state file and merges it field by field, the most recent
// change winning, so two terminals never erase each other's marks.
package state

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// SaveDelay is how long a store waits after a change before saving it, so
// that a burst of changes (scrolling through an article) is one write.
const SaveDelay = 200 * time.Millisecond

// lockWait is how long a store waits for another process's lock. Saves
// hold it for milliseconds; only a process stopped mid-save (Ctrl-Z) holds
// it longer, and then the store gives up rather than freeze the reader.
const lockWait = 5 * time.Second

// DefaultMaxEntries caps the articles a local store remembers; beyond it the
// least recently seen or changed ones are forgotten first.
const DefaultMaxEntries = 50_000

// Store holds the reading state of one reader. Its methods are safe for
// concurrent use. A Store from NewMemory, or one whose file cannot be
// written, keeps everything in memory only.
type Store struct {
	path       string // "" for a memory-only store
	maxEntries int
	delay      time.Duration
	lockWait   time.Duration
	now        func() time.Time
	onClose    func()

	saveMu sync.Mutex // one save at a time

	mu         sync.Mutex
	records    map[string]record
	persistent bool
	dirty      bool
	closed     bool
	last       time.Time // latest change time handed out, to keep them increasing
	timer      *time.Timer
}

type config struct {
	maxEntries int
	delay      time.Duration
	lockWait   time.Duration
	now        func() time.Time
}

func defaultConfig() config {
	return config{maxEntries: DefaultMaxEntries, delay: SaveDelay, lockWait: lockWait, now: time.Now}
}

// NewMemory returns a store that keeps state for the life of the process
// only: for --no-state, and for SSH sessions without a public key.
func NewMemory() *Store {
	return newStore("", defaultConfig())
}

// Open loads the state file at path, creating its folder when needed, and
// returns a store that saves back to it. It always returns a usable store:
// a file that cannot be read is moved aside (a Corrupt warning names the new
// name) and the store starts empty; a file or folder that cannot be written
// gives a memory-only store and a NotSaved warning. Show warnings once.
func Open(path string) (*Store, []Warning) {
	return openStore(path, defaultConfig())
}

func newStore(path string, cfg config) *Store {
	return &Store{
		path:       path,
		maxEntries: cfg.maxEntries,
		delay:      cfg.delay,
		lockWait:   cfg.lockWait,
		now:        cfg.now,
		records:    map[string]record{},
	}
}

func openStore(path string, cfg config) (*Store, []Warning) {
	if path == "" {
		return newStore("", cfg), []Warning{{Kind: NotSaved, Err: errors.New("no state file given")}}
	}
	// A state file that is a symlink (kept with dotfiles, say) is written
	// through: the rename must replace its target, not the link.
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	s := newStore(path, cfg)
	// Checked before anything is created beside it: --state /dev/null
	// must not leave /dev/null.lock behind.
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		return s, []Warning{{Kind: NotSaved, Path: path, Err: fmt.Errorf("%s is %w", path, errNotRegular)}}
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return s, s.loadReadOnly(err)
	}
	lock, err := lockFile(path+".lock", s.lockWait)
	if err != nil {
		return s, s.loadReadOnly(err)
	}
	defer lock.Close()
	if err := probeWritable(path); err != nil {
		return s, s.loadReadOnly(err)
	}
	records, err := readFile(path)
	var warnings []Warning
	switch {
	case errors.Is(err, errNewer), errors.Is(err, errNotRegular):
		return s, []Warning{{Kind: NotSaved, Path: path, Err: err}}
	case err != nil:
		moved, moveErr := moveAside(path, s.now())
		if moveErr != nil {
			return s, []Warning{{Kind: NotSaved, Path: path, Err: errors.Join(err, moveErr)}}
		}
		warnings = append(warnings, Warning{Kind: Corrupt, Path: path, MovedTo: moved, Err: err})
	default:
		s.adopt(records)
	}
	s.persistent = true
	return s, warnings
}

// probeWritable checks that a file can be created beside path, so that a
// read-only folder is reported at once rather than at the first save. It
// also clears temporary files a killed writer left (the caller holds the
// lock, so no other writer is using them).
func probeWritable(path string) error {
	removeStaleTemps(path)
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+tmpSuffix+"*")
	if err != nil {
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}

// loadReadOnly keeps what can be read from the file in memory when it cannot
// be saved, and returns the NotSaved warning.
func (s *Store) loadReadOnly(cause error) []Warning {
	if records, err := readFile(s.path); err == nil {
		s.adopt(records)
	}
	return []Warning{{Kind: NotSaved, Path: s.path, Err: cause}}
}

// adopt merges records into the store's own. The caller holds s.mu or owns
// the store alone.
func (s *Store) adopt(records map[string]record) {
	for id, r := range records {
		if mine, ok := s.records[id]; ok {
			r = merge(mine, r)
		}
		s.records[id] = r
		// Changes made from now on must win over what was loaded, even
		// if this machine's clock went back since.
		if t := r.lastActive(); t.After(s.last) {
			s.last = t
		}
	}
}

// Path returns the state file, or "" for a store made by NewMemory.
func (s *Store) Path() string { return s.path }

// Get returns the state of the article with this ID; the zero Entry (unread,
// not starred, at the top) for an article never touched.
func (s *Store) Get(id string) Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.records[id].entry()
}

// MarkRead marks the article read or unread.
func (s *Store) MarkRead(id string, read bool) {
	s.change(id, func(r *record, now time.Time) bool {
		if r.Read == read {
			return false
		}
		r.Read, r.ReadAt = read, now
		return true
	})
}

// SetStarred stars or unstars the article.
func (s *Store) SetStarred(id string, starred bool) {
	s.change(id, func(r *record, now time.Time) bool {
		if r.Starred == starred {
			return false
		}
		r.Starred, r.StarredAt = starred, now
		return true
	})
}

// SetPosition remembers the reader's place in the article; negative fields
// count as 0.
func (s *Store) SetPosition(id string, p Position) {
	p = p.clamped()
	s.change(id, func(r *record, now time.Time) bool {
		if r.Position == p {
			return false
		}
		r.Position, r.PositionAt = p, now
		return true
	})
}

// change applies edit to the record of id and schedules a save when edit
// reports a change. Setting a field to the value it has is no change, so
// callers may repeat themselves freely.
func (s *Store) change(id string, edit func(r *record, now time.Time) bool) {
	if id == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.records[id]
	if !edit(&r, s.stamp()) {
		return
	}
	s.records[id] = r
	s.markDirty()
}

// stamp returns the time of a change: the clock, but always later than any
// change the store already knows about. The caller holds s.mu.
func (s *Store) stamp() time.Time {
	t := s.now().UTC().Round(0)
	if !t.After(s.last) {
		t = s.last.Add(time.Nanosecond)
	}
	s.last = t
	return t
}

// Touch records that these articles are in the library just loaded, which
// keeps their state from being pruned. Articles without state get none: only
// remembered articles are touched. Seen times are saved at most daily.
func (s *Store) Touch(ids []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now().UTC().Round(0)
	for _, id := range ids {
		r, ok := s.records[id]
		if !ok || !now.After(r.Seen) {
			continue
		}
		if now.Sub(r.Seen) > 24*time.Hour {
			s.markDirty()
		}
		r.Seen = now
		s.records[id] = r
	}
}

// markDirty notes unsaved changes and starts the save timer. The caller
// holds s.mu.
func (s *Store) markDirty() {
	s.dirty = true
	if s.persistent && !s.closed && s.timer == nil {
		s.timer = time.AfterFunc(s.delay, s.saveLater)
	}
}

func (s *Store) saveLater() {
	s.mu.Lock()
	s.timer = nil
	s.mu.Unlock()
	s.Flush()
}

// Flush saves pending changes now. It returns what went wrong, if anything;
// the store keeps working in memory and tries again at the next change.
// After Close it does nothing.
func (s *Store) Flush() error {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return nil
	}
	return s.flush()
}

func (s *Store) flush() error {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()

	s.mu.Lock()
	if !s.persistent || !s.dirty {
		s.mu.Unlock()
		return nil
	}
	snapshot := maps.Clone(s.records)
	horizon := s.now().Add(-RetainFor)
	s.dirty = false
	s.mu.Unlock()

	saved, err := s.save(snapshot, horizon)

	s.mu.Lock()
	defer s.mu.Unlock()
	if saved == nil {
		s.dirty = true
		return err
	}
	s.adopt(saved)
	prune(s.records, horizon, s.maxEntries)
	return err
}

// save merges records into the state file under the lock and returns what
// was written. A state file found corrupt is moved aside (the returned error
// is then a Corrupt Warning, and the save still happens); one from a newer
// kiosk is never overwritten.
func (s *Store) save(records map[string]record, horizon time.Time) (map[string]record, error) {
	lock, err := lockFile(s.path+".lock", s.lockWait)
	if err != nil {
		return nil, err
	}
	defer lock.Close()
	removeStaleTemps(s.path)

	var warning error
	disk, err := readFile(s.path)
	switch {
	case errors.Is(err, errNewer), errors.Is(err, errNotRegular):
		return nil, Warning{Kind: NotSaved, Path: s.path, Err: err}
	case err != nil:
		moved, moveErr := moveAside(s.path, s.now())
		if moveErr != nil {
			return nil, errors.Join(err, moveErr)
		}
		warning = Warning{Kind: Corrupt, Path: s.path, MovedTo: moved, Err: err}
		disk = map[string]record{}
	}
	for id, r := range records {
		if theirs, ok := disk[id]; ok {
			r = merge(theirs, r)
		}
		disk[id] = r
	}
	prune(disk, horizon, s.maxEntries)
	if err := writeFile(s.path, disk); err != nil {
		return nil, err
	}
	return disk, warning
}

// Close saves pending changes and stops saving: later changes stay in
// memory only. Close is safe to call more than once.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	onClose := s.onClose
	s.mu.Unlock()
	err := s.flush()
	if onClose != nil {
		onClose()
	}
	return err
}
