//go:build unix

package model

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLoadPathsSkipsFIFO: opening a named pipe for reading would wait for a
// writer for ever; the loader skips it with a reason and loads the rest.
func TestLoadPathsSkipsFIFO(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "good.txt"), "Von: Ivd\nEin Absatz.\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	lib := loadOrHang(t, dir)
	if len(lib.Articles) != 1 || len(lib.Skipped) != 1 || !strings.Contains(lib.Skipped[0].Reason, "FIFO") {
		t.Fatalf("articles %+v, skipped %+v; want good.txt loaded and pipe.txt skipped as a FIFO", lib.Articles, lib.Skipped)
	}
}
