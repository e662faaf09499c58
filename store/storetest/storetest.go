// Package storetest opens databases for other packages' tests.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"kiosk/store"
)

// Open opens a new database in a temporary folder; it is closed and
// removed when tb ends.
func Open(tb testing.TB) *store.DB {
	tb.Helper()
	return OpenAt(tb, filepath.Join(tb.TempDir(), "kiosk.db"))
}

// OpenAt opens the database at path, failing tb when it cannot; it is
// closed when tb ends.
func OpenAt(tb testing.TB, path string) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
