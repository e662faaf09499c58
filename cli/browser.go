package cli

import (
	"fmt"
	"net/url"
	"os/exec"
	"runtime"
	"strings"
)

// openBrowser opens a web address in the user's browser (the reader's o)
// and returns once the browser is started, without waiting for it: with
// open on macOS, rundll32's URL handler on Windows, xdg-open elsewhere.
// Only http and https addresses are opened: a feed's link is untrusted,
// and a file: or other address handed to the desktop could run a program.
func openBrowser(link string) error {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%q is not a web address: only http and https links are opened", link)
	}
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", u.String())
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u.String())
	default:
		cmd = exec.Command("xdg-open", u.String())
	}
	// No terminal for the browser: what it prints would land on the reader's screen.
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, nil
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("no browser to open it (%s): %w", strings.Fields(cmd.String())[0], err)
	}
	go func() { _ = cmd.Wait() }() // its exit says nothing about the link
	return nil
}
