package state

import (
	"errors"
	"os"
	"path/filepath"
)

// DefaultPath returns where a local kiosk keeps its state:
// $XDG_STATE_HOME/kiosk/state.json, or ~/.local/state/kiosk/state.json
// when XDG_STATE_HOME is unset or not an absolute path (as the XDG Base
// Directory specification asks).
func DefaultPath() (string, error) {
	base := os.Getenv("XDG_STATE_HOME")
	if !filepath.IsAbs(base) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("cannot find a folder for reading state: neither XDG_STATE_HOME nor HOME is set; set one, or pass a state file")
		}
		base = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(base, "kiosk", "state.json"), nil
}
