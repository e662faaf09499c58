package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func TestAuthorizedKeysLetInOnlyListedKeys(t *testing.T) {
	listed, other := newClientKey(t), newClientKey(t)
	path := filepath.Join(t.TempDir(), "authorized_keys")
	line := "# readers\n" + string(gossh.MarshalAuthorizedKey(listed.PublicKey()))
	if err := os.WriteFile(path, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	ts := startServer(t, Config{AuthorizedKeysPath: path})

	client, err := dialWith(ts.addr, gossh.PublicKeys(listed))
	if err != nil {
		t.Fatalf("listed key refused: %v", err)
	}
	defer client.Close()
	if stdout, _, code := runCommand(t, client, "list"); code != 0 || !strings.Contains(stdout, ts.lib.Articles[0].Title) {
		t.Errorf("listed key: list exited %d with %q", code, stdout)
	}

	noPrompts := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	for name, auth := range map[string]gossh.AuthMethod{
		"unlisted key":         gossh.PublicKeys(other),
		"password":             gossh.Password("kiosk"),
		"keyboard-interactive": noPrompts,
	} {
		if c, err := dialWith(ts.addr, auth); err == nil {
			c.Close()
			t.Errorf("%s got in past --authorized-keys", name)
		}
	}
}
