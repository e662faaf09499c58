package server

import (
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// dialFrom connects from the loopback address local (127.0.0.x) with key.
func dialFrom(t *testing.T, addr, local string, key gossh.Signer) (*gossh.Client, error) {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: waitLimit}
	conn, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	c, chans, reqs, err := gossh.NewClientConn(conn, addr, &gossh.ClientConfig{
		User: "reader", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: waitLimit,
	})
	if err != nil {
		conn.Close()
		return nil, err
	}
	client := gossh.NewClient(c, chans, reqs)
	t.Cleanup(func() { _ = client.Close() })
	return client, nil
}

func mustDialFrom(t *testing.T, addr, local string, key gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := dialFrom(t, addr, local, key)
	if err != nil {
		t.Fatalf("connect from %s: %v", local, err)
	}
	return c
}

func TestOneConnectionHoldsAtMostMaxSessionsPerConnChannels(t *testing.T) {
	ts := startServer(t, Config{MaxSessionsPerConn: 3})
	client := dial(t, ts.addr)
	var open []*gossh.Session
	for i := range 3 {
		sess, err := client.NewSession()
		if err != nil {
			t.Fatalf("session %d of 3 refused: %v", i+1, err)
		}
		open = append(open, sess)
	}
	if sess, err := client.NewSession(); err == nil {
		sess.Close()
		t.Fatal("a fourth session channel opened on a connection allowed three")
	} else if !strings.Contains(err.Error(), "3 sessions on one connection") {
		t.Errorf("the refusal should say why: %v", err)
	}
	// Channels of other kinds are refused whatever the count.
	if _, _, err := client.OpenChannel("direct-tcpip", nil); err == nil {
		t.Error("a direct-tcpip channel was opened")
	}

	open[0].Close()
	deadline := time.Now().Add(waitLimit)
	for {
		sess, err := client.NewSession()
		if err == nil {
			sess.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no session after one of three was closed: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestSessionsPerClientCountKeyAndAddress(t *testing.T) {
	ts := startServer(t, Config{MaxSessionsPerClient: 2})
	keyA, keyB := newClientKey(t), newClientKey(t)
	a1 := mustDialFrom(t, ts.addr, "127.0.0.1", keyA)
	for range 2 {
		term, err := tryTerminal(t, a1, 80, 24)
		if err != nil {
			t.Fatal(err)
		}
		term.waitForText(listed(ts.lib))
	}
	refused := func(name string, client *gossh.Client) {
		t.Helper()
		_, stderr, code := runCommand(t, client, "help")
		if code != 1 || !strings.Contains(stderr, "the most one client may have") {
			t.Errorf("%s: exit %d, stderr %q; want a refusal", name, code, stderr)
		}
	}
	refused("third session of key A on its connection", a1)
	refused("key A from another address", mustDialFrom(t, ts.addr, "127.0.0.2", keyA))
	refused("key B from key A's address", mustDialFrom(t, ts.addr, "127.0.0.1", keyB))
	if _, stderr, code := runCommand(t, mustDialFrom(t, ts.addr, "127.0.0.3", keyB), "help"); code != 0 {
		t.Errorf("key B from a fresh address was refused: %q", stderr)
	}
}

func TestConnectionsAreCountedInAllAndPerAddress(t *testing.T) {
	t.Run("per address", func(t *testing.T) {
		ts := startServer(t, Config{MaxSessionsPerClient: 2})
		key := newClientKey(t)
		first := mustDialFrom(t, ts.addr, "127.0.0.1", key)
		mustDialFrom(t, ts.addr, "127.0.0.1", key)
		if _, err := dialFrom(t, ts.addr, "127.0.0.1", key); err == nil {
			t.Fatal("a third connection from one address was let in with a limit of 2")
		}
		mustDialFrom(t, ts.addr, "127.0.0.2", key)
		first.Close()
		waitUntil(t, "the closed connection to be forgotten", func() bool { return ts.conns.count() == 2 })
		mustDialFrom(t, ts.addr, "127.0.0.1", key)
	})
	t.Run("in all", func(t *testing.T) {
		ts := startServer(t, Config{MaxSessions: 1, MaxSessionsPerClient: -1})
		key := newClientKey(t)
		mustDialFrom(t, ts.addr, "127.0.0.1", key)
		mustDialFrom(t, ts.addr, "127.0.0.2", key)
		if _, err := dialFrom(t, ts.addr, "127.0.0.3", key); err == nil {
			t.Fatal("a third connection was let in; --max-sessions 1 allows two")
		}
	})
}

func TestAConnectionWithoutASessionIsClosedWhenIdle(t *testing.T) {
	const idle = 300 * time.Millisecond
	ts := startServer(t, Config{IdleTimeout: idle})
	bare := dial(t, ts.addr)
	closed := make(chan struct{})
	go func() { _ = bare.Wait(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(waitLimit):
		t.Fatal("a connection that never opened a session is still open")
	}

	// A connection holding a channel stays, however quiet, and is closed
	// once it has held none for the idle timeout.
	held := dial(t, ts.addr)
	sess, err := held.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	closed = make(chan struct{})
	go func() { _ = held.Wait(); close(closed) }()
	select {
	case <-closed:
		t.Fatal("a connection holding a session was closed as idle")
	case <-time.After(3 * idle):
	}
	sess.Close()
	select {
	case <-closed:
	case <-time.After(waitLimit):
		t.Fatal("the connection stayed open after its last session closed")
	}
	waitUntil(t, "no connections counted", func() bool { return ts.conns.count() == 0 })
}

// waitUntil polls cond until it holds, failing after waitLimit.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestAShutdownAdmitsNoMoreConnections(t *testing.T) {
	c := newConns(0, 0, 0)
	server, client := net.Pipe()
	defer client.Close()
	if st, why := c.admit(server, func() {}); st == nil {
		t.Fatalf("a connection was refused before the shutdown: %s", why)
	}
	c.closeAll()
	if _, err := client.Write([]byte("x")); err == nil {
		t.Error("a connection open before the shutdown is still open")
	}
	late, other := net.Pipe()
	defer late.Close()
	defer other.Close()
	if st, why := c.admit(late, func() {}); st != nil || why == "" {
		t.Errorf("a connection accepted as the server shut down was admitted (refusal %q)", why)
	}
}
