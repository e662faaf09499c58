//go:build unix

package model

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLoadPathsSkipsFIFO: opening a named pipe for reading would wait for a
// writer for ever; the loader skips it with a reason and loads the rest.
func TestLoadPathsSkipsFIFO(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "good.txt"), "Von: Ivd\nEin Absatz.\n")
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var lib *Library
	var err error
	go func() {
		defer close(done)
		lib, err = LoadPaths([]string{dir}, nil)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("LoadPaths hung on a FIFO")
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Articles) != 1 || len(lib.Skipped) != 1 || !strings.Contains(lib.Skipped[0].Reason, "FIFO") {
		t.Fatalf("articles %+v, skipped %+v; want good.txt loaded and pipe.txt skipped as a FIFO", lib.Articles, lib.Skipped)
	}
}
