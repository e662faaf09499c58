package server

import (
	"net"
	"sync"
	"time"

	"charm.land/ssh"
)

// conns counts the connections being served, in all and per address, and
// knows how many channels each holds.
type conns struct {
	max, perAddr int // 0: no limit
	idle         time.Duration

	mu       sync.Mutex
	closed   bool // by closeAll: a shutdown admits no more
	open     map[*connState]struct{}
	byAddr   map[string]int
	drainers []chan struct{} // closed when the last connection closes
}

func newConns(max, perAddr int, idle time.Duration) *conns {
	return &conns{max: max, perAddr: perAddr, idle: idle, open: map[*connState]struct{}{}, byAddr: map[string]int{}}
}

// connKey finds a connection's connState in its ssh.Context.
type connKey struct{}

// connState is one connection: its open channels and the timer that closes
// it when it has held none for the idle timeout.
type connState struct {
	net.Conn
	owner *conns
	addr  string
	once  sync.Once

	mu       sync.Mutex
	channels int
	idle     *time.Timer
	closed   bool
	onIdle   func()
}

// admit counts a new connection, or returns a refusal when there are
// too many, in all or from its address.
func (c *conns) admit(conn net.Conn, onIdle func()) (*connState, string) {
	addr := addrKey(conn.RemoteAddr())
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.closed:
		return nil, "shutting down"
	case c.max > 0 && len(c.open) >= c.max:
		return nil, "too many connections"
	case c.perAddr > 0 && c.byAddr[addr] >= c.perAddr:
		return nil, "too many connections from this address"
	}
	c.byAddr[addr]++
	st := &connState{Conn: conn, owner: c, addr: addr, onIdle: onIdle}
	c.open[st] = struct{}{}
	if c.idle > 0 {
		st.idle = time.AfterFunc(c.idle, st.idleClose)
	}
	return st, ""
}

// count is the number of connections open now.
func (c *conns) count() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.open)
}

// drained returns a channel closed once no connection is open.
func (c *conns) drained() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan struct{})
	if len(c.open) == 0 {
		close(ch)
		return ch
	}
	c.drainers = append(c.drainers, ch)
	return ch
}

// closeAll closes every connection, those still in their handshake too,
// and admits no more.
func (c *conns) closeAll() {
	c.mu.Lock()
	c.closed = true
	open := make([]*connState, 0, len(c.open))
	for st := range c.open {
		open = append(open, st)
	}
	c.mu.Unlock()
	for _, st := range open {
		_ = st.Close()
	}
}

// Close closes the connection and forgets it, once.
func (st *connState) Close() error {
	st.once.Do(func() {
		st.mu.Lock()
		st.closed = true
		if st.idle != nil {
			st.idle.Stop()
		}
		st.mu.Unlock()
		c := st.owner
		c.mu.Lock()
		delete(c.open, st)
		if c.byAddr[st.addr]--; c.byAddr[st.addr] <= 0 {
			delete(c.byAddr, st.addr)
		}
		if len(c.open) == 0 {
			for _, ch := range c.drainers {
				close(ch)
			}
			c.drainers = nil
		}
		c.mu.Unlock()
	})
	return st.Conn.Close()
}

func (st *connState) idleClose() {
	st.mu.Lock()
	idle := st.channels == 0 && !st.closed
	st.mu.Unlock()
	if idle {
		st.onIdle()
		_ = st.Close()
	}
}

// openChannel counts a new channel, or reports false when the connection
// already holds max.
func (st *connState) openChannel(max int) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.channels >= max {
		return false
	}
	st.channels++
	if st.idle != nil {
		st.idle.Stop()
	}
	return true
}

// closeChannel forgets a channel; the idle clock starts again when it was
// the last.
func (st *connState) closeChannel() {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.channels--
	if st.channels == 0 && st.idle != nil && !st.closed {
		st.idle.Reset(st.owner.idle)
	}
}

// connOf is the state of the connection ctx belongs to, or nil.
func connOf(ctx ssh.Context) *connState {
	st, _ := ctx.Value(connKey{}).(*connState)
	return st
}

// addrKey is the unit one client controls, for limits by address: its IPv4
// address, or the /64 of an IPv6 address, which a single host can fill.
func addrKey(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok {
		return limitKey(tcp.IP)
	}
	return addr.String()
}
