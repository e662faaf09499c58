package model

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadRegularFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.txt")
	os.WriteFile(small, []byte("0123456789"), 0o600)

	if data, err := ReadRegularFile(small, 10); err != nil || string(data) != "0123456789" {
		t.Errorf("a file at the limit: %q, %v", data, err)
	}
	var big *TooLargeError
	if _, err := ReadRegularFile(small, 9); !errors.As(err, &big) || big.Limit != 9 {
		t.Errorf("a file over the limit: %v, want a TooLargeError", err)
	}
	if _, err := ReadRegularFile(dir, 1<<20); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a folder: %v, want refused as not a regular file", err)
	}
	if _, err := ReadRegularFile(filepath.Join(dir, "missing"), 10); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}
