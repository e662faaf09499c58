// Command kiosk reads the news in a terminal: a full-screen reader, plain
// commands for scripts and pipes, and an SSH server for many readers.
package main

import (
	"context"
	"os"

	"kiosk/cli"
	// Holds garbage collection off while kiosk starts; see its package.
	_ "kiosk/startup"
)

func main() {
	os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Environ()))
}
