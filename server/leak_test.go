package server

import (
	"runtime"
	"testing"
	"time"
)

// goroutinesBack waits until the process runs no more goroutines than idle,
// and fails with the stacks of the ones left when it does not.
func goroutinesBack(t *testing.T, idle int) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for runtime.NumGoroutine() > idle {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("%d goroutines after every client left, %d before any came:\n%s", runtime.NumGoroutine(), idle, buf)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// idleGoroutines is the goroutine count of a server no client has reached.
func idleGoroutines() int {
	time.Sleep(50 * time.Millisecond)
	return runtime.NumGoroutine()
}

func TestEveryWayOfLeavingFreesTheReader(t *testing.T) {
	leave := map[string]func(*terminal){
		"q pressed many times": func(term *terminal) { term.send("qqqqqqqqqq") },
		"ctrl+c":               func(term *terminal) { term.send("\x03\x03\x03\x03") },
		"hang up":              func(term *terminal) { _ = term.client.Close() },
		"keys while quitting":  func(term *terminal) { term.send("\rjjjjkkkkqqqqqqq") },
	}
	for name, how := range leave {
		t.Run(name, func(t *testing.T) {
			ts := startServer(t, Config{})
			idle := idleGoroutines()
			for range 8 {
				term := openTerminal(t, ts.addr, 80, 24)
				term.waitForText(listed(ts.lib))
				how(term)
				<-term.done
			}
			goroutinesBack(t, idle)
		})
	}
}

func TestIdleTimeoutFreesTheReader(t *testing.T) {
	ts := startServer(t, Config{IdleTimeout: 300 * time.Millisecond})
	idle := idleGoroutines()
	for range 3 {
		term := openTerminal(t, ts.addr, 80, 24)
		term.waitForText(listed(ts.lib))
		term.waitEnd()
	}
	goroutinesBack(t, idle)
}
