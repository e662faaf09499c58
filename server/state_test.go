package server

import (
	"kiosk/store"
	"kiosk/store/storetest"
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
	ts := startServer(t, Config{DB: storetest.Open(t)})
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

// A reader's star from an earlier kiosk's per-key state folder is imported
// for that key only, and the old file is left in place.
func TestOldStateFilesAreImportedPerKey(t *testing.T) {
	legacy := t.TempDir()
	alice, bob := newClientKey(t), newClientKey(t)
	file := store.LegacyReaderFile(legacy, gossh.FingerprintSHA256(alice.PublicKey()))
	old := `{"version": 1, "articles": {"000_36dbd7c5854988d2": {"starred": true, "starred_at": "2026-11-01T10:00:00Z"}}}`
	if err := os.WriteFile(file, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{DB: storetest.Open(t), LegacyStateDir: legacy})
	title := listed(ts.lib)
	for _, c := range []struct {
		key     gossh.Signer
		starred bool
	}{{alice, true}, {bob, false}} {
		term := readerAs(t, ts.addr, c.key)
		screen := term.waitForText(title)
		if row := lineWith(screen, title); strings.Contains(row, "★") != c.starred {
			t.Errorf("row %q, want starred=%v", row, c.starred)
		}
		term.send("q")
		term.waitEnd()
	}
	if data, _ := os.ReadFile(file); string(data) != old {
		t.Error("the old state file was changed")
	}
}
