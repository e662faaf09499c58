package state

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Limits bound the state a server keeps, so that a stream of new keys
// cannot fill its disk: at most Users files of at most EntriesPerUser
// articles, an article taking up to about 270 bytes.
type Limits struct {
	// Users is how many readers' files are kept; when a new reader would
	// exceed it, the files of the readers who came least recently go first.
	// Zero means DefaultUsers.
	Users int
	// EntriesPerUser is how many articles each reader's file remembers;
	// beyond it the least recently seen or changed go first. Zero means
	// DefaultEntriesPerUser.
	EntriesPerUser int
}

// The default Limits keep at most about 270 MB, in practice a few kilobytes
// per reader.
const (
	DefaultUsers          = 1000
	DefaultEntriesPerUser = 1000
)

// Registry gives each SSH reader, known by their public key, a store of
// their own in one server folder. It is safe for concurrent use.
type Registry struct {
	dir    string
	limits Limits

	mu   sync.Mutex
	open map[string]int // file name -> stores open on it
}

// NewRegistry keeps readers' state in dir, creating it when needed. It fails when dir cannot
// be created or written; the server may then fall back to NewMemory stores.
func NewRegistry(dir string, limits Limits) (*Registry, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the state folder: %w", err)
	}
	if err := probeWritable(filepath.Join(dir, "probe")); err != nil {
		return nil, fmt.Errorf("cannot write in the state folder %s: %w", dir, err)
	}
	limits.Users = cmp.Or(max(limits.Users, 0), DefaultUsers)
	limits.EntriesPerUser = cmp.Or(max(limits.EntriesPerUser, 0), DefaultEntriesPerUser)
	return &Registry{dir: dir, limits: limits, open: map[string]int{}}, nil
}

// Open returns the store of the reader with this key fingerprint (such as
// gossh.FingerprintSHA256(key)); the file name is a hash of it, never the
// client's text. An empty fingerprint, for a session without a key, gets a
// memory-only store. Close the store when the session ends.
func (r *Registry) Open(fingerprint string) (*Store, []Warning) {
	if fingerprint == "" {
		return NewMemory(), nil
	}
	name := userFileName(fingerprint)
	path := filepath.Join(r.dir, name)

	r.mu.Lock()
	if _, err := os.Stat(path); err == nil {
		now := time.Now()
		os.Chtimes(path, now, now) // the least recently come go first
	} else if r.open[name] == 0 {
		r.makeRoom(name)
	}
	r.open[name]++
	r.mu.Unlock()

	cfg := defaultConfig()
	cfg.maxEntries = r.limits.EntriesPerUser
	s, warnings := openStore(path, cfg)
	s.onClose = func() { r.release(name) }
	return s, warnings
}

// release notes that a store on name has closed. When it was the last and
// its reader saved nothing, the lock file it made goes too, so that readers
// who only look leave no files behind.
func (r *Registry) release(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.open[name]--; r.open[name] > 0 {
		return
	}
	delete(r.open, name)
	if _, err := os.Stat(filepath.Join(r.dir, name)); errors.Is(err, os.ErrNotExist) {
		_ = r.remove(name) // the state file is absent: only side files are removed
	}
}

// userFileSuffix ends every reader's state file; other files in the folder
// are neither counted nor removed.
const userFileSuffix = ".state.json"

func userFileName(fingerprint string) string {
	sum := sha256.Sum256([]byte(fingerprint))
	return hex.EncodeToString(sum[:16]) + userFileSuffix
}

// makeRoom removes the least recently used readers' files until a new
// reader fits within Limits.Users. Readers with an open store are kept even
// if that leaves the folder over the limit for a while. The caller holds
// r.mu.
func (r *Registry) makeRoom(newName string) {
	entries, err := os.ReadDir(r.dir)
	if err != nil {
		return
	}
	type user struct {
		name    string
		modTime time.Time
	}
	var closed []user
	users := map[string]bool{newName: true}
	for name := range r.open {
		users[name] = true
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasSuffix(e.Name(), userFileSuffix) {
			continue
		}
		users[e.Name()] = true
		if r.open[e.Name()] > 0 {
			continue
		}
		if info, err := e.Info(); err == nil {
			closed = append(closed, user{e.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(closed, func(a, b user) int {
		return cmp.Or(a.modTime.Compare(b.modTime), cmp.Compare(a.name, b.name))
	})
	for _, u := range closed {
		if len(users) <= r.limits.Users {
			break
		}
		if r.remove(u.name) == nil {
			delete(users, u.name)
		}
	}
}

// remove deletes a reader's state file with its lock, temporary and
// moved-aside files.
func (r *Registry) remove(name string) error {
	path := filepath.Join(r.dir, name)
	extra, _ := filepath.Glob(globEscape(path) + ".*")
	err := os.Remove(path)
	for _, p := range extra {
		if e := os.Remove(p); e != nil && !errors.Is(e, os.ErrNotExist) {
			err = errors.Join(err, e)
		}
	}
	return err
}
