package modeltest

import (
	"os"
	"path/filepath"
	"testing"

	"kiosk/model"
)

// Folder is a temporary folder of article files for tests of a watched
// library.
type Folder struct {
	t   testing.TB
	Dir string
}

// NewFolder makes an empty folder, removed when the test ends.
func NewFolder(t testing.TB) Folder {
	return Folder{t: t, Dir: t.TempDir()}
}

// Write writes text to the file name in the folder, failing the test on error.
func (f Folder) Write(name, text string) {
	f.t.Helper()
	if err := os.WriteFile(filepath.Join(f.Dir, name), []byte(text), 0o644); err != nil {
		f.t.Fatal(err)
	}
}

// Remove deletes the file name from the folder.
func (f Folder) Remove(name string) {
	f.t.Helper()
	if err := os.Remove(filepath.Join(f.Dir, name)); err != nil {
		f.t.Fatal(err)
	}
}

// Load reads the folder as kiosk would.
func (f Folder) Load() *model.Library {
	f.t.Helper()
	lib, err := model.LoadPaths([]string{f.Dir}, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	return lib
}
