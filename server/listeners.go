package server

import (
	"net"
	"sync"
)

// listenerSet is the listeners a server accepts on. Once closed it refuses
// new ones, so a Serve that starts after Shutdown returns at once.
type listenerSet struct {
	mu     sync.Mutex
	closed bool
	open   []net.Listener
}

// add records ln, or reports false when the set is already closed.
func (l *listenerSet) add(ln net.Listener) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return false
	}
	l.open = append(l.open, ln)
	return true
}

// closeAll closes every listener and refuses later ones.
func (l *listenerSet) closeAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	for _, ln := range l.open {
		_ = ln.Close()
	}
	l.open = nil
}

func (l *listenerSet) isClosed() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.closed
}
