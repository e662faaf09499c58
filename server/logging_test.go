package server

import (
	"strings"
	"testing"
	"time"

	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"
)

func TestLogEscapesAndCutsWhatClientsChoose(t *testing.T) {
	logs := &syncBuffer{}
	ts := startServer(t, Config{Logger: log.New(logs)})
	client, err := gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User:            "mallory\nINFO forged entry",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(newClientKey(t))},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	long := strings.Repeat("x", 100_000)
	_, stderr, code := runCommand(t, client, long)
	if code != 1 || len(stderr) > 2000 {
		t.Errorf("a 100,000-byte command: exit %d, %d bytes echoed back", code, len(stderr))
	}
	waitUntil(t, "the disconnect logged", func() bool { return strings.Contains(logs.String(), "disconnect") })

	out := logs.String()
	for line := range strings.SplitSeq(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, "INFO forged") {
			t.Errorf("a newline in the user name began a log entry of its own:\n%s", out)
		}
		if len(line) > 1000 {
			t.Errorf("a log line of %d bytes: %.200s…", len(line), line)
		}
	}
	if !strings.Contains(out, `mallory\nINFO forged entry`) {
		t.Errorf("the user name should be logged with its newline escaped:\n%s", out)
	}
}

func TestRefusalsAreLoggedOncePerAddressAMinute(t *testing.T) {
	logs := &syncBuffer{}
	ts := startServer(t, Config{Logger: log.New(logs), RateLimit: 1, RateBurst: 1})
	key := newClientKey(t)
	for range 50 {
		if c, err := dialFrom(t, ts.addr, "127.0.0.1", key); err == nil {
			c.Close()
		}
	}
	if n := strings.Count(logs.String(), "rate limited"); n != 1 {
		t.Errorf("49 refusals from one address gave %d log lines, want 1 now and a summary later:\n%s", n, logs)
	}

	r := newRefusalLog(log.New(logs), 50*time.Millisecond)
	for range 10 {
		r.refuse("key refused", "10.0.0.1")
		r.refuse("key refused", "10.0.0.2")
	}
	waitUntil(t, "the summaries", func() bool { return strings.Count(logs.String(), "more=9") == 2 })
}
