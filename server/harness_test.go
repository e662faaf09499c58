package server

import (
	"bytes"
	"cmp"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/log/v2"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"kiosk/model"
	"kiosk/seeds"
)

// waitLimit bounds every wait in these tests; the machine is shared.
const waitLimit = 15 * time.Second

type testServer struct {
	*Server
	addr   string
	lib    *model.Library
	served chan error
}

// startServer runs a server for lib (the seeds when nil) on a random
// loopback port and shuts it down when the test ends.
func startServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	lib, err := model.LoadFS(seeds.FS, "kiosk seeds")
	if err != nil {
		t.Fatal(err)
	}
	return startServerWith(t, lib, cfg)
}

// startServerWith is startServer for a library of the test's own.
func startServerWith(t testing.TB, lib *model.Library, cfg Config) *testServer {
	t.Helper()
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = filepath.Join(t.TempDir(), "host_key")
	}
	if cfg.Logger == nil {
		cfg.Logger = log.New(newTestLog(t))
	}
	srv, err := New(lib, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: srv, addr: ln.Addr().String(), lib: lib, served: make(chan error, 1)}
	go func() { ts.served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-ts.served
	})
	return ts
}

func newClientKey(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return signer
}

func dialWith(addr string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "reader",
		Auth:            auth,
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         waitLimit,
	})
}

func dial(t testing.TB, addr string) *gossh.Client {
	t.Helper()
	c, err := dialWith(addr, gossh.PublicKeys(newClientKey(t)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// runCommand runs a command without a PTY and returns stdout, stderr and
// the exit status.
func runCommand(t *testing.T, client *gossh.Client, cmd string) (string, string, int) {
	t.Helper()
	sess, err := client.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var stdout, stderr bytes.Buffer
	sess.Stdout, sess.Stderr = &stdout, &stderr
	err = sess.Run(cmd)
	var exit *gossh.ExitError
	switch {
	case err == nil:
		return stdout.String(), stderr.String(), 0
	case errors.As(err, &exit):
		return stdout.String(), stderr.String(), exit.ExitStatus()
	}
	t.Fatalf("%s: %v", cmd, err)
	return "", "", 0
}

// terminal is a client session with a PTY, drawn on an emulated screen.
type terminal struct {
	t      testing.TB
	client *gossh.Client
	sess   *gossh.Session
	stdin  interface{ Write([]byte) (int, error) }
	stderr syncBuffer

	mu   sync.Mutex
	scr  *screen
	raw  bytes.Buffer
	done chan struct{}
	exit error
}

// openTerminal connects, asks for a PTY of w×h and starts the reader.
func openTerminal(t testing.TB, addr string, w, h int) *terminal {
	t.Helper()
	term, err := tryTerminal(t, dial(t, addr), w, h)
	if err != nil {
		t.Fatal(err)
	}
	return term
}

func tryTerminal(t testing.TB, client *gossh.Client, w, h int) (*terminal, error) {
	return tryTerminalOn(t, client, w, h, darkBackground)
}

// The answers a terminal gives when asked for its background colour.
const (
	darkBackground  = "\x1b]11;rgb:1a1a/1a1a/1a1a\x1b\\"
	lightBackground = "\x1b]11;rgb:ffff/ffff/ffff\x1b\\"
)

// tryTerminalOn is tryTerminal on a terminal that gives background when
// asked for its background colour.
func tryTerminalOn(t testing.TB, client *gossh.Client, w, h int, background string) (*terminal, error) {
	sess, err := client.NewSession()
	if err != nil {
		return nil, err
	}
	term := &terminal{t: t, client: client, sess: sess, done: make(chan struct{})}
	stdin, err := sess.StdinPipe()
	if err != nil {
		return nil, err
	}
	term.stdin = stdin
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return nil, err
	}
	sess.Stderr = &term.stderr
	// A client that claims no size (OpenSSH without a terminal on its
	// input) is drawn on as if it were 80×24.
	term.scr = newScreen(cmp.Or(w, 80), cmp.Or(h, 24), background, func(answer string) { go func() { _, _ = stdin.Write([]byte(answer)) }() })
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	if err := sess.Shell(); err != nil {
		return nil, err
	}
	go func() {
		buf := make([]byte, 32*1024)
		for {
			n, err := stdout.Read(buf)
			term.mu.Lock()
			term.raw.Write(buf[:n])
			term.scr.write(buf[:n])
			term.mu.Unlock()
			if err != nil {
				break
			}
		}
		// As OpenSSH does: when the session ends, hang up.
		term.exit = sess.Wait()
		_ = client.Close()
		close(term.done)
	}()
	return term, nil
}

// testLog passes the server's log to the test's output until the test
// ends: a connection goroutine still finishing after the shutdown must not
// write to a finished test.
type testLog struct {
	mu    sync.Mutex
	out   io.Writer
	ended bool
}

// newTestLog is registered before the server's shutdown, so that it stops
// after it.
func newTestLog(t testing.TB) *testLog {
	l := &testLog{out: t.Output()}
	t.Cleanup(func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.ended = true
	})
	return l
}

func (l *testLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ended {
		return len(p), nil
	}
	return l.out.Write(p)
}

// syncBuffer is a sink (a log, a session's stderr) tests can read while
// the server writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (term *terminal) screenText() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.scr.text()
}

// waitFor polls the screen until cond holds, failing with the screen after
// waitLimit.
func (term *terminal) waitFor(what string, cond func(screen string) bool) string {
	term.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		text := term.screenText()
		if cond(text) {
			return text
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("timed out waiting for %s; screen:\n%s", what, text)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (term *terminal) waitForText(s string) string {
	term.t.Helper()
	return term.waitFor(`"`+s+`" on screen`, func(screen string) bool { return strings.Contains(screen, s) })
}

func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := term.stdin.Write([]byte(keys)); err != nil {
		term.t.Fatalf("send %q: %v", keys, err)
	}
}

// waitEnd waits for the session to end and returns its exit error.
func (term *terminal) waitEnd() error {
	term.t.Helper()
	select {
	case <-term.done:
		return term.exit
	case <-time.After(waitLimit):
		term.t.Fatalf("session did not end; screen:\n%s", term.screenText())
		return nil
	}
}

// rawOutput is every byte the client received.
func (term *terminal) rawOutput() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.raw.String()
}

// afterReader is what the client received after the reader left the
// alternate screen: what stays on the reader's terminal. Empty when the
// alternate screen was never left.
func (term *terminal) afterReader() string {
	raw := term.rawOutput()
	i := strings.LastIndex(raw, ansi.ResetModeAltScreenSaveCursor)
	if i < 0 {
		return ""
	}
	return raw[i:]
}

func (term *terminal) stderrText() string { return term.stderr.String() }

// lineWith returns the screen row holding s, or "".
func lineWith(screen, s string) string {
	for line := range strings.SplitSeq(screen, "\n") {
		if strings.Contains(line, s) {
			return line
		}
	}
	return ""
}

// listed is how the article list shows the seed: its title's first words
// (a long title is cut to the window's width).
func listed(lib *model.Library) string {
	return strings.Join(strings.Fields(lib.Articles[0].Title)[:3], " ")
}
