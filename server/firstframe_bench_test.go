package server

import (
	"kiosk/store/storetest"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// BenchmarkFirstFrame is one reader from connection to its first frame and
// out again: profile it (-cpuprofile) to see what a session costs before
// its client sees anything. The benchmark's own SSH client runs in the same
// process and shows in the profile too.
func BenchmarkFirstFrame(b *testing.B) {
	ts := startServer(b, Config{DB: storetest.Open(b), RateLimit: -1, MaxSessionsPerClient: -1})
	key := newClientKey(b)
	for b.Loop() {
		client, err := dialWith(ts.addr, gossh.PublicKeys(key))
		if err != nil {
			b.Fatal(err)
		}
		term, err := tryTerminal(b, client, 80, 24)
		if err != nil {
			b.Fatal(err)
		}
		term.waitForText(listed(ts.lib))
		term.send("q")
		term.waitEnd()
	}
}
