//go:build unix

package state

import (
	"syscall"
	"testing"
)

func TestNamedPipeAtThePathIsLeftAlone(t *testing.T) {
	checkLeftAlone(t, func(p string) error { return syscall.Mkfifo(p, 0o600) })
}
