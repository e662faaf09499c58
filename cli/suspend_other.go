//go:build !unix

package cli

import "os"

// notifySuspend does nothing where there is no job control.
func notifySuspend(chan<- os.Signal) {}

// stopProcess does nothing where there is no job control.
func stopProcess() {}
