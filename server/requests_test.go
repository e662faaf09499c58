package server

import (
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func TestRequestFilterRefusesWhatKioskNeverOffers(t *testing.T) {
	ts := startServer(t, Config{})
	client := dial(t, ts.addr)

	forward := gossh.Marshal(struct {
		Host       string
		Port       uint32
		OriginHost string
		OriginPort uint32
	}{"127.0.0.1", 22, "127.0.0.1", 5555})
	if ch, _, err := client.OpenChannel("direct-tcpip", forward); err == nil {
		ch.Close()
		t.Error("a direct-tcpip channel (ssh -L) was opened")
	}
	listen := gossh.Marshal(struct {
		Host string
		Port uint32
	}{"127.0.0.1", 0})
	if ok, _, err := client.SendRequest("tcpip-forward", true, listen); ok || err != nil {
		t.Errorf("tcpip-forward (ssh -R): accepted %v, err %v", ok, err)
	}

	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	x11 := gossh.Marshal(struct {
		Single   bool
		Protocol string
		Cookie   string
		Screen   uint32
	}{false, "MIT-MAGIC-COOKIE-1", "00", 0})
	for name, req := range map[string][]byte{"x11-req": x11, "auth-agent-req@openssh.com": nil} {
		if ok, err := sess.SendRequest(name, true, req); ok || err != nil {
			t.Errorf("%s: accepted %v, err %v", name, ok, err)
		}
	}
	for _, env := range [][2]string{
		{"LD_PRELOAD", "/tmp/evil.so"},
		{"PATH", "/tmp"},
		{"LANG", "de_DE.UTF-8\x1b[2J"},
		{"LC_ALL", strings.Repeat("x", maxEnvValueLen+1)},
		{"lc_all", "C"},
	} {
		if err := sess.Setenv(env[0], env[1]); err == nil {
			t.Errorf("env %s=%q was accepted", env[0], env[1])
		}
	}
	for _, env := range []string{"LANG", "LC_ALL", "COLORTERM", "NO_COLOR"} {
		if err := sess.Setenv(env, "de_DE.UTF-8"); err != nil {
			t.Errorf("env %s refused: %v", env, err)
		}
	}
	for i := range maxEnvVars {
		_ = sess.Setenv("LC_X"+string(rune('A'+i)), "C")
	}
	if err := sess.Setenv("LC_MORE", "C"); err == nil {
		t.Errorf("more than %d environment variables were accepted", maxEnvVars)
	}

	for _, sub := range []string{"sftp", "netconf", "default"} {
		s, err := client.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RequestSubsystem(sub); err == nil {
			t.Errorf("subsystem %s was started", sub)
		}
		s.Close()
	}
}

func TestRateLimitDropsAnAddressOverItsBurst(t *testing.T) {
	ts := startServer(t, Config{RateLimit: 1, RateBurst: 3})
	key := newClientKey(t)
	for i := range 3 {
		c, err := dialFrom(t, ts.addr, "127.0.0.1", key)
		if err != nil {
			t.Fatalf("connection %d of a burst of 3 refused: %v", i+1, err)
		}
		c.Close()
	}
	if c, err := dialFrom(t, ts.addr, "127.0.0.1", key); err == nil {
		c.Close()
		t.Fatal("a fourth connection within the minute got in with a burst of 3 and 1 a minute")
	}
	// Another address has a bucket of its own.
	mustDialFrom(t, ts.addr, "127.0.0.2", key).Close()

	open := startServer(t, Config{RateLimit: -1, MaxSessionsPerClient: -1})
	for i := range 20 {
		c, err := dialFrom(t, open.addr, "127.0.0.1", key)
		if err != nil {
			t.Fatalf("with no rate limit, connection %d was refused: %v", i+1, err)
		}
		c.Close()
	}
}

func TestMaxSessionTimeEndsEvenABusyReader(t *testing.T) {
	const limit = 700 * time.Millisecond
	ts := startServer(t, Config{MaxSessionTime: limit})
	term := openTerminal(t, ts.addr, 80, 24)
	term.waitForText(listed(ts.lib))
	start := time.Now()
	go func() {
		for {
			select {
			case <-term.done:
				return
			case <-time.After(50 * time.Millisecond):
				_, _ = term.stdin.Write([]byte("j"))
			}
		}
	}()
	term.waitEnd()
	if took := time.Since(start); took > limit+5*time.Second {
		t.Errorf("the session lasted %v; the limit is %v", took, limit)
	}
	if after := term.afterReader(); !strings.Contains(after, "sessions last at most") {
		t.Errorf("the client should leave the alternate screen and be told why; after it: %q", after)
	}
}
