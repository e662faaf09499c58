// Package corpus finds the shared test corpus: real articles, feeds and
// pages that live beside the repository, as ../shared/corpus from its
// root, and are never copied into it. It imports nothing of kiosk, so that
// model's own tests can use it too.
package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Lookup returns the path of elem in the corpus, found by walking up from
// the working directory (a package's, in tests) to the repository root,
// the folder with go.mod, and whether it is there.
func Lookup(elem ...string) (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
	path := filepath.Join(append([]string{dir, "..", "shared", "corpus"}, elem...)...)
	if _, err := os.Stat(path); err != nil {
		return "", false
	}
	return path, true
}

// Path is Lookup for a test or benchmark that needs elem: it skips when
// elem is not there.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	path, ok := Lookup(elem...)
	if !ok {
		tb.Skipf("the shared corpus has no %s beside the repository", filepath.Join(elem...))
	}
	return path
}
