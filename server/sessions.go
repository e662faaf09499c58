package server

import (
	"fmt"
	"sync"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// sessions counts the sessions being served, refuses those over the limit
// and knows every running reader so that shutdown can ask each to quit.
type sessions struct {
	max       int
	perClient int // 0: no limit

	mu       sync.Mutex
	n        int
	byClient map[string]int // by key fingerprint and by address
	closing  bool
	readers  map[*readerSession]bool
	done     sync.WaitGroup
}

func newSessions(max, perClient int) *sessions {
	return &sessions{max: max, perClient: perClient, byClient: map[string]int{}, readers: map[*readerSession]bool{}}
}

// acquire counts a new session of the clients named (its key and its
// address), or says why it cannot start.
func (r *sessions) acquire(clients []string) (refusal string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.closing:
		return "kiosk is shutting down; try again in a minute."
	case r.n >= r.max:
		return fmt.Sprintf("kiosk is full: %d readers are connected, the most it serves at once. Try again in a few minutes.", r.max)
	}
	for _, c := range clients {
		if r.perClient > 0 && r.byClient[c] >= r.perClient {
			return fmt.Sprintf("kiosk: you have %d sessions open, the most one client may have at once. Close one and try again.", r.perClient)
		}
	}
	for _, c := range clients {
		r.byClient[c]++
	}
	r.n++
	r.done.Add(1)
	return ""
}

func (r *sessions) release(clients []string) {
	r.mu.Lock()
	r.n--
	for _, c := range clients {
		if r.byClient[c]--; r.byClient[c] <= 0 {
			delete(r.byClient, c)
		}
	}
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

// isClosing reports whether the server is shutting down.
func (r *sessions) isClosing() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.closing
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

// limitMiddleware turns away sessions over the limits, in all or of one
// client (its key, its address), with a message on the client's stderr and
// exit status 1.
func (r *sessions) limitMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		clients := []string{"addr " + addrKey(sess.RemoteAddr())}
		if key := sess.PublicKey(); key != nil {
			clients = append(clients, "key "+gossh.FingerprintSHA256(key))
		}
		if refusal := r.acquire(clients); refusal != "" {
			setEndReason(sess, "refused: "+refusal)
			fmt.Fprintf(sess.Stderr(), "%s\n", refusal)
			_ = sess.Exit(1)
			return
		}
		defer r.release(clients)
		next(sess)
	}
}
