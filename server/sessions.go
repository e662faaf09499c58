package server

import (
	"fmt"
	"sync"

	"charm.land/ssh"
)

// sessions counts the sessions being served, refuses those over the limit
// and knows every running reader so that shutdown can ask each to quit.
type sessions struct {
	max int

	mu      sync.Mutex
	n       int
	closing bool
	readers map[*readerSession]bool
	done    sync.WaitGroup
}

func newSessions(max int) *sessions {
	return &sessions{max: max, readers: map[*readerSession]bool{}}
}

// refusal says why a new session cannot start, or "" when it may.
func (r *sessions) acquire() (refusal string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.closing:
		return "kiosk is shutting down; try again in a minute."
	case r.n >= r.max:
		return fmt.Sprintf("kiosk is full: %d readers are connected, the most it serves at once. Try again in a few minutes.", r.max)
	}
	r.n++
	r.done.Add(1)
	return ""
}

func (r *sessions) release() {
	r.mu.Lock()
	r.n--
	r.mu.Unlock()
	r.done.Done()
}

// track registers a running reader; it returns false when shutdown has
// begun, and the reader should not start.
func (r *sessions) track(rs *readerSession) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closing {
		return false
	}
	r.readers[rs] = true
	return true
}

func (r *sessions) untrack(rs *readerSession) {
	r.mu.Lock()
	delete(r.readers, rs)
	r.mu.Unlock()
}

// running returns the readers running now.
func (r *sessions) running() []*readerSession {
	r.mu.Lock()
	defer r.mu.Unlock()
	readers := make([]*readerSession, 0, len(r.readers))
	for rs := range r.readers {
		readers = append(readers, rs)
	}
	return readers
}

// closeAll refuses new sessions and asks every reader to quit, which
// restores each client's terminal.
func (r *sessions) closeAll() {
	r.mu.Lock()
	r.closing = true
	r.mu.Unlock()
	for _, rs := range r.running() {
		rs.end(endShutdown)
	}
}

// wait returns once every session has ended.
func (r *sessions) wait() { r.done.Wait() }

// limitMiddleware turns away sessions over the limit with a message on the
// client's stderr and exit status 1.
func (r *sessions) limitMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		if refusal := r.acquire(); refusal != "" {
			setEndReason(sess, "refused: "+refusal)
			fmt.Fprintf(sess.Stderr(), "%s\n", refusal)
			_ = sess.Exit(1)
			return
		}
		defer r.release()
		next(sess)
	}
}
