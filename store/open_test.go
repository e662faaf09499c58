package store

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenInAMissingFolderFailsAndCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "no-such-folder", "kiosk.db")
	_, err := Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("Open = %v, want an error saying the folder does not exist", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("Open created %s", entries[0].Name())
	}
}

func TestOpenRefusesAFolderOrDevice(t *testing.T) {
	for _, path := range []string{t.TempDir(), "/dev/null"} {
		if _, err := Open(context.Background(), path); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("Open(%s) = %v, want a refusal", path, err)
		}
	}
	if _, err := os.Stat("/dev/null-wal"); err == nil {
		t.Error("a WAL file was created beside /dev/null")
	}
}

func TestOpenDefaultFollowsXDGDataHome(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	db, err := OpenDefault(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if want := filepath.Join(dir, "kiosk", "kiosk.db"); db.Path() != want {
		t.Errorf("path = %s, want %s", db.Path(), want)
	}
	t.Setenv("XDG_DATA_HOME", "relative/path")
	t.Setenv("HOME", dir)
	if path, _ := DefaultPath(); path != filepath.Join(dir, ".local", "share", "kiosk", "kiosk.db") {
		t.Errorf("with a relative XDG_DATA_HOME the path is %s, want under ~/.local/share", path)
	}
}

func TestPathWithAwkwardCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "my news?#%20 db")
	db := openAt(t, path)
	addFeed(t, db, "https://example.org/feed")
	db.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the database is not at %s: %v", path, err)
	}
	if feeds, _ := openAt(t, path).Feeds(context.Background(), ""); len(feeds) != 1 {
		t.Errorf("reopened, the database holds %d feeds", len(feeds))
	}
}

func TestFilesAreWALAndIntact(t *testing.T) {
	db := openTemp(t)
	var mode string
	db.sql.QueryRow("PRAGMA journal_mode").Scan(&mode)
	if mode != "wal" {
		t.Errorf("journal mode %q, want wal", mode)
	}
	var timeout int
	db.sql.QueryRow("PRAGMA busy_timeout").Scan(&timeout)
	if timeout < 1000 {
		t.Errorf("busy_timeout %d ms: a second process would fail at once", timeout)
	}
	if err := db.IntegrityCheck(context.Background()); err != nil {
		t.Error(err)
	}
}
