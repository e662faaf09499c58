package server

import (
	"bufio"
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

func TestMaxSessionsTurnsAwayTheExtraClient(t *testing.T) {
	ts := startServer(t, Config{MaxSessions: 2})
	first := openTerminal(t, ts.addr, 80, 24)
	second := openTerminal(t, ts.addr, 80, 24)
	first.waitForText(listed(ts.lib))
	second.waitForText(listed(ts.lib))

	extra := openTerminal(t, ts.addr, 80, 24)
	err := extra.waitEnd()
	if err == nil || !strings.Contains(err.Error(), "status 1") {
		t.Errorf("the extra client should exit with status 1, got %v", err)
	}
	if !strings.Contains(extra.stderrText(), "kiosk is full") {
		t.Errorf("the extra client was not told the server is full: stderr %q", extra.stderrText())
	}

	first.send("q")
	first.waitEnd()
	third := openTerminal(t, ts.addr, 80, 24)
	third.waitForText(listed(ts.lib))
}

func TestShutdownRestoresClientTerminalsInTime(t *testing.T) {
	ts := startServer(t, Config{})
	term := openTerminal(t, ts.addr, 80, 24)
	term.waitForText(listed(ts.lib))
	term.send("\r")
	term.waitForText(leadWords(t, ts.lib))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	if err := ts.Shutdown(ctx); err != nil {
		t.Errorf("shutdown: %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("shutdown took %v", took)
	}
	select {
	case err := <-ts.served:
		ts.served <- err // for the cleanup
		if err != nil {
			t.Errorf("Serve returned %v after shutdown", err)
		}
	case <-time.After(time.Second):
		t.Error("Serve still running after shutdown")
	}
	term.waitEnd()
	after := term.afterReader()
	if after == "" {
		t.Fatal("the client never received the alternate-screen exit sequence")
	}
	if raw := term.rawOutput(); strings.LastIndex(raw, ansi.ResetModeMouseButtonEvent) < strings.LastIndex(raw, ansi.SetModeMouseButtonEvent) {
		t.Error("mouse mode was left on")
	}
	if !strings.Contains(after, "shutting down") {
		t.Errorf("the client was not told why; after the reader: %q", after)
	}
	if _, err := dialWith(ts.addr); err == nil {
		t.Error("the server still accepts connections after shutdown")
	}
}

// A client finishing its handshake while the server shuts down, and one
// that never starts its handshake, must neither trip the race detector nor
// hold the shutdown up.
func TestShutdownWhileClientsAreConnecting(t *testing.T) {
	for round := range 5 {
		ts := startServer(t, Config{RateLimit: -1, MaxSessionsPerClient: -1})
		silent, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer silent.Close()
		// The server's version line comes once the connection is counted.
		_ = silent.SetReadDeadline(time.Now().Add(waitLimit))
		if _, err := bufio.NewReader(silent).ReadString('\n'); err != nil {
			t.Fatalf("round %d: no version line from the server: %v", round, err)
		}

		stop := make(chan struct{})
		var dialers sync.WaitGroup
		for range 4 {
			dialers.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					if c, err := dialWith(ts.addr, gossh.PublicKeys(newClientKey(t))); err == nil {
						_ = c.Close()
					}
				}
			})
		}
		time.Sleep(time.Duration(round*20) * time.Millisecond)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		start := time.Now()
		if err := ts.Shutdown(ctx); err != nil {
			t.Errorf("round %d: shutdown: %v", round, err)
		}
		cancel()
		if took := time.Since(start); took > 3*time.Second {
			t.Errorf("round %d: shutdown took %v with a client that never sent a byte", round, took)
		}
		close(stop)
		dialers.Wait()
		_ = silent.SetReadDeadline(time.Now().Add(waitLimit))
		if _, err := io.Copy(io.Discard, silent); err != nil {
			t.Errorf("round %d: the connection that never started its handshake is still open after shutdown: %v", round, err)
		}
	}
}

// A server with nobody connected stops at once and without an error, however
// soon after it started.
func TestShutdownOfAnIdleServerReportsNoError(t *testing.T) {
	for round := range 20 {
		ts := startServer(t, Config{})
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err := ts.Shutdown(ctx)
		cancel()
		if err != nil {
			t.Fatalf("round %d: shutdown: %v", round, err)
		}
		select {
		case served := <-ts.served:
			if served != nil {
				t.Fatalf("round %d: Serve returned %v after shutdown", round, served)
			}
		case <-time.After(waitLimit):
			t.Fatalf("round %d: Serve still running after shutdown", round)
		}
		ts.served <- nil // for the cleanup
	}
}
