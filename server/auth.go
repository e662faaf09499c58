package server

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"

	"charm.land/log/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// authorizedKeys is an allowlist read from an OpenSSH authorized_keys file.
// Like sshd it follows edits to the file without a restart; when the file
// becomes unreadable or invalid, nobody new gets in until it is fixed.
type authorizedKeys struct {
	path string
	log  *log.Logger

	mu      sync.Mutex
	modTime time.Time
	size    int64
	keys    map[string]bool // by wire encoding
	err     error
}

func loadAuthorizedKeys(path string, logger *log.Logger) (*authorizedKeys, error) {
	a := &authorizedKeys{path: path, log: logger}
	a.refresh()
	if errors.Is(a.err, fs.ErrNotExist) {
		return nil, fmt.Errorf("authorized keys file %s does not exist: create it with one public key a line, or leave out --authorized-keys to serve everyone", path)
	}
	if a.err != nil {
		return nil, a.err
	}
	return a, nil
}

// allows reports whether key is listed in the file as it is now.
func (a *authorizedKeys) allows(key ssh.PublicKey) bool {
	a.refresh()
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.err == nil && a.keys[string(key.Marshal())]
}

// len is the number of keys currently allowed.
func (a *authorizedKeys) len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.keys)
}

func (a *authorizedKeys) refresh() {
	info, statErr := os.Stat(a.path)
	a.mu.Lock()
	defer a.mu.Unlock()
	if statErr == nil && a.keys != nil && info.ModTime().Equal(a.modTime) && info.Size() == a.size {
		return
	}
	var keys map[string]bool
	err := statErr
	if err == nil {
		keys, err = parseAuthorizedKeys(a.path)
	}
	if err != nil {
		if a.err == nil && !a.modTime.IsZero() {
			a.log.Error("authorized keys unusable: refusing every key until fixed", "err", err)
		}
		a.keys, a.err = nil, fmt.Errorf("authorized keys: %w", err)
		return
	}
	if !a.modTime.IsZero() {
		a.log.Info("authorized keys reloaded", "path", a.path, "keys", len(keys))
	}
	a.keys, a.err = keys, nil
	a.modTime, a.size = info.ModTime(), info.Size()
}

func parseAuthorizedKeys(path string) (map[string]bool, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	keys := map[string]bool{}
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, _, _, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: not a public key; each line should look like `ssh-ed25519 AAAA... comment`", path, i+1)
		}
		keys[string(key.Marshal())] = true
	}
	return keys, nil
}
