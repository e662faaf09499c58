package server

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"charm.land/log/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// authorizedKeys is an allowlist read from an OpenSSH authorized_keys file.
// Like sshd it follows edits to the file without a restart; when the file
// becomes unreadable or invalid, nobody new gets in until it is fixed. A
// line whose options kiosk cannot honour lets nobody in, and says so.
type authorizedKeys struct {
	path string
	log  *log.Logger

	mu      sync.Mutex
	modTime time.Time
	size    int64
	allowed *allowedKeys
	err     error
}

// allowedKeys are the usable lines of the file, by the key's wire encoding.
type allowedKeys struct {
	keys map[string]keyOptions
	cas  map[string]keyOptions // certificate authorities
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

// refusal says why user at remote may not log in with key under the file
// as it is now, or "" when they may.
func (a *authorizedKeys) refusal(key ssh.PublicKey, user string, remote net.Addr, now time.Time) string {
	a.refresh()
	a.mu.Lock()
	allowed, err := a.allowed, a.err
	a.mu.Unlock()
	if err != nil {
		return "the authorized keys file is unusable"
	}
	if cert, ok := key.(*gossh.Certificate); ok {
		opts, listed := allowed.cas[string(cert.SignatureKey.Marshal())]
		if !listed {
			return "certificate signed by an authority not listed"
		}
		if why := opts.refusal(remote, now); why != "" {
			return why
		}
		return checkCert(cert, opts, user, remote, now)
	}
	opts, listed := allowed.keys[string(key.Marshal())]
	if !listed {
		return "key not listed"
	}
	return opts.refusal(remote, now)
}

// checkCert checks a user certificate from a listed authority: its type,
// validity, signature, principals (the user name, or with principals= one
// of those) and source-address.
func checkCert(cert *gossh.Certificate, opts keyOptions, user string, remote net.Addr, now time.Time) string {
	if cert.CertType != gossh.UserCert {
		return "not a user certificate"
	}
	principal := user
	if opts.principals != nil {
		principal = ""
		for _, p := range opts.principals {
			if slices.Contains(cert.ValidPrincipals, p) {
				principal = p
				break
			}
		}
		if principal == "" {
			return "the certificate names none of the principals= listed"
		}
	}
	checker := gossh.CertChecker{
		SupportedCriticalOptions: []string{"source-address"},
		Clock:                    func() time.Time { return now },
	}
	if err := checker.CheckCert(principal, cert); err != nil {
		return strings.TrimPrefix(err.Error(), "ssh: ")
	}
	if sources, ok := cert.CriticalOptions["source-address"]; ok && !matchFrom(strings.Split(sources, ","), remote) {
		return "the certificate's source-address does not match the client's address"
	}
	return ""
}

// len is the number of keys and authorities currently allowed.
func (a *authorizedKeys) len() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.allowed == nil {
		return 0
	}
	return len(a.allowed.keys) + len(a.allowed.cas)
}

func (a *authorizedKeys) refresh() {
	info, statErr := os.Stat(a.path)
	a.mu.Lock()
	defer a.mu.Unlock()
	if statErr == nil && a.allowed != nil && info.ModTime().Equal(a.modTime) && info.Size() == a.size {
		return
	}
	var allowed *allowedKeys
	var refused []string
	err := statErr
	if err == nil {
		allowed, refused, err = parseAuthorizedKeys(a.path)
	}
	if err != nil {
		if a.err == nil && !a.modTime.IsZero() {
			a.log.Error("authorized keys unusable: refusing every key until fixed", "err", err)
		}
		a.allowed, a.err = nil, fmt.Errorf("authorized keys: %w", err)
		return
	}
	for _, r := range refused {
		a.log.Warn("authorized keys: line refused", "why", r)
	}
	if !a.modTime.IsZero() {
		a.log.Info("authorized keys reloaded", "path", a.path, "keys", len(allowed.keys)+len(allowed.cas), "refused", len(refused))
	}
	a.allowed, a.err = allowed, nil
	a.modTime, a.size = info.ModTime(), info.Size()
}

// parseAuthorizedKeys reads the file's lines: the usable ones, and for each
// line whose options kiosk cannot honour, why it lets nobody in.
func parseAuthorizedKeys(path string) (*allowedKeys, []string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	allowed := &allowedKeys{keys: map[string]keyOptions{}, cas: map[string]keyOptions{}}
	var refused []string
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, _, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: not a public key; each line should look like `ssh-ed25519 AAAA... comment`", path, i+1)
		}
		opts, err := parseKeyOptions(options)
		if err != nil {
			refused = append(refused, fmt.Sprintf("%s:%d: key %s lets nobody in: %s; change the line or remove it", path, i+1, gossh.FingerprintSHA256(key), strings.ReplaceAll(err.Error(), "\n", "; ")))
			continue
		}
		if opts.ca {
			allowed.cas[string(key.Marshal())] = opts
		} else {
			allowed.keys[string(key.Marshal())] = opts
		}
	}
	return allowed, refused, nil
}
