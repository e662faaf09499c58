//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly)

package state

import (
	"os"
	"time"
)

// lockFile only creates the lock file here: this platform has no flock, so
// two processes writing at the same instant may lose one's latest change.
// Writes stay atomic either way.
func lockFile(path string, _ time.Duration) (*os.File, error) {
	return os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
}
