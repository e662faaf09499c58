package server

import (
	"sync"
	"time"

	"charm.land/log/v2"
)

// refusalWindow is how long refusals of one kind from one address are
// summed up before they are logged as one line.
const refusalWindow = time.Minute

// maxRefusalEntries bounds the summaries kept at once; refusals beyond it,
// from a flood of addresses, are summed up together.
const maxRefusalEntries = 1000

// refusalLog logs the first refusal of a kind from an address at once and
// the rest of that minute as one line, so that a flood of refused
// connections cannot flood the log.
type refusalLog struct {
	log    *log.Logger
	window time.Duration

	mu      sync.Mutex
	entries map[refusalKey]*refusalEntry
}

type refusalKey struct{ what, remote string }

type refusalEntry struct {
	more  int
	timer *time.Timer
}

func newRefusalLog(logger *log.Logger, window time.Duration) *refusalLog {
	return &refusalLog{log: logger, window: window, entries: map[refusalKey]*refusalEntry{}}
}

// refuse logs that what was refused to remote (an address key), with
// fields, unless it was already logged this window.
func (r *refusalLog) refuse(what, remote string, fields ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	key := refusalKey{what, remote}
	if len(r.entries) >= maxRefusalEntries && r.entries[key] == nil {
		key.remote = "many addresses"
	}
	if e := r.entries[key]; e != nil {
		e.more++
		return
	}
	r.log.Warn(what, append([]any{"remote", remote}, fields...)...)
	e := &refusalEntry{}
	e.timer = time.AfterFunc(r.window, func() { r.summarise(key, e) })
	r.entries[key] = e
}

func (r *refusalLog) summarise(key refusalKey, e *refusalEntry) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.entries[key] != e {
		return
	}
	delete(r.entries, key)
	r.report(key, e)
}

func (r *refusalLog) report(key refusalKey, e *refusalEntry) {
	if e.more > 0 {
		r.log.Warn(key.what, "remote", key.remote, "more", e.more, "within", r.window)
	}
}

// flush logs every pending summary now; at shutdown.
func (r *refusalLog) flush() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for key, e := range r.entries {
		e.timer.Stop()
		r.report(key, e)
		delete(r.entries, key)
	}
}
