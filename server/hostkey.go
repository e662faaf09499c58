package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// DefaultHostKeyPath is where the host key lives unless --host-key says
// otherwise: $XDG_DATA_HOME/kiosk, falling back to ~/.local/share/kiosk.
func DefaultHostKeyPath() string {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			home = "."
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "kiosk", "ssh_host_ed25519_key")
}

// LoadOrCreateHostKey reads the server's private host key from path. When no
// file exists it creates an ed25519 key there with mode 0600 (and its folder
// with 0700). Like sshd, it refuses a key that group or others may read.
func LoadOrCreateHostKey(path string) (signer gossh.Signer, created bool, err error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := createHostKey(path); err != nil {
			return nil, false, err
		}
		created = true
		info, err = os.Stat(path)
	}
	if err != nil {
		return nil, false, fmt.Errorf("host key %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, false, fmt.Errorf("host key %s is not a regular file", path)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 {
		return nil, false, fmt.Errorf("host key %s is readable by others (mode %04o): run `chmod 600 %s`, or point --host-key at a private file", path, perm, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false, fmt.Errorf("read host key: %w", err)
	}
	signer, err = gossh.ParsePrivateKey(data)
	var missing *gossh.PassphraseMissingError
	if errors.As(err, &missing) {
		return nil, false, fmt.Errorf("host key %s is protected by a passphrase; kiosk needs an unencrypted key (the file itself must stay mode 0600)", path)
	}
	if err != nil {
		return nil, false, fmt.Errorf("host key %s is not an SSH private key: %w", path, err)
	}
	return signer, created, nil
}

func createHostKey(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create host key folder: %w", err)
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("generate host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "kiosk host key")
	if err != nil {
		return fmt.Errorf("encode host key: %w", err)
	}
	// O_EXCL: never overwrite a key another kiosk created a moment ago.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("create host key: %w", err)
	}
	if err := pem.Encode(f, block); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return fmt.Errorf("write host key %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("write host key %s: %w", path, err)
	}
	return nil
}
