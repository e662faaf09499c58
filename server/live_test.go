package server

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/model"
)

// TestSessionsFollowWatchedFolder serves a watched folder: a file added,
// changed or removed shows in a connected reader, and a client that
// connects afterwards gets the new library too.
func TestSessionsFollowWatchedFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "Alpha story\n\nThe first one.\n")
	lib, err := model.LoadPaths([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ts := startServerWith(t, lib, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := model.Watch(ctx, lib, []string{dir}, ts.Update); err != nil {
		t.Fatal(err)
	}
	term := openTerminal(t, ts.addr, 80, 24)
	term.waitForText("Alpha story")

	write("b.txt", "Beta story\n\nThe second one.\n")
	term.waitForText("Beta story")
	term.waitForText("1 new")
	write("a.txt", "Alpha story, revised\n\nThe first one, changed.\n")
	term.waitForText("Alpha story, revised")
	if err := os.Remove(filepath.Join(dir, "b.txt")); err != nil {
		t.Fatal(err)
	}
	term.waitFor("Beta story to go", func(s string) bool { return !strings.Contains(s, "Beta story") })

	out, _, status := runCommand(t, dial(t, ts.addr), "list")
	if status != 0 || !strings.Contains(out, "Alpha story, revised") || strings.Contains(out, "Beta") {
		t.Errorf("a later client does not get the current library: status %d, list:\n%s", status, out)
	}
}
