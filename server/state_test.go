package server

import (
	"os"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// readerAs opens the reader with key's identity.
func readerAs(t *testing.T, addr string, key gossh.Signer) *terminal {
	t.Helper()
	client, err := dialWith(addr, gossh.PublicKeys(key))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Close() })
	term, err := tryTerminal(t, client, 100, 30)
	if err != nil {
		t.Fatal(err)
	}
	return term
}

func TestReadingStateFollowsTheKey(t *testing.T) {
	dir := t.TempDir()
	ts := startServer(t, Config{StateDir: dir})
	title := listed(ts.lib)
	alice, bob := newClientKey(t), newClientKey(t)

	term := readerAs(t, ts.addr, alice)
	term.waitForText(title)
	term.send("*")
	term.waitFor("a star on the row", func(s string) bool { return strings.Contains(lineWith(s, title), "★") })
	term.send("\r")
	term.waitForText("min read")
	term.send("j")
	term.send("q")
	term.waitFor("the list with the article read", func(s string) bool {
		row := lineWith(s, title)
		return row != "" && !strings.Contains(row, "●")
	})
	term.send("q")
	term.waitEnd()

	term = readerAs(t, ts.addr, alice)
	screen := term.waitForText(title)
	if row := lineWith(screen, title); !strings.Contains(row, "★") || strings.Contains(row, "●") {
		t.Errorf("the same key's second session shows the article as %q; want starred and read", row)
	}
	term.send("q")
	term.waitEnd()

	term = readerAs(t, ts.addr, bob)
	screen = term.waitForText(title)
	if row := lineWith(screen, title); strings.Contains(row, "★") || !strings.Contains(row, "●") {
		t.Errorf("another key sees the article as %q; want unread and not starred", row)
	}
	term.send("q")
	term.waitEnd()

	aliceClient, err := dialWith(ts.addr, gossh.PublicKeys(alice))
	if err != nil {
		t.Fatal(err)
	}
	defer aliceClient.Close()
	stdout, _, code := runCommand(t, aliceClient, "list")
	first, _, _ := strings.Cut(stdout, "\n") // the seed's line
	if fields := strings.Split(first, "\t"); code != 0 || len(fields) != 6 || fields[4] != "read" || fields[5] != "starred" {
		t.Errorf("ssh list for the same key: exit %d, fields %q; want read and starred", code, fields)
	}

	files, _ := os.ReadDir(dir)
	for _, f := range files {
		for _, key := range []gossh.Signer{alice, bob} {
			if strings.Contains(f.Name(), strings.TrimPrefix(gossh.FingerprintSHA256(key.PublicKey()), "SHA256:")) {
				t.Errorf("a state file is named after the key's fingerprint: %s", f.Name())
			}
		}
	}
}

func TestWithoutAStateFolderStateLastsOneSession(t *testing.T) {
	ts := startServer(t, Config{})
	title := listed(ts.lib)
	key := newClientKey(t)
	term := readerAs(t, ts.addr, key)
	term.waitForText(title)
	term.send("*")
	term.waitFor("a star on the row", func(s string) bool { return strings.Contains(lineWith(s, title), "★") })
	term.send("q")
	term.waitEnd()

	term = readerAs(t, ts.addr, key)
	screen := term.waitForText(title)
	if row := lineWith(screen, title); strings.Contains(row, "★") {
		t.Errorf("with no state folder a star outlived its session: %q", row)
	}
	term.send("q")
	term.waitEnd()
}
