//go:build unix

package cli

import (
	"os"
	"os/signal"
	"syscall"
)

// notifySuspend delivers SIGTSTP (kill -TSTP, the shell's suspend) to c.
func notifySuspend(c chan<- os.Signal) { signal.Notify(c, syscall.SIGTSTP) }

// stopProcess stops kiosk as SIGTSTP would have, had kiosk not asked for it.
func stopProcess() { _ = syscall.Kill(os.Getpid(), syscall.SIGSTOP) }
