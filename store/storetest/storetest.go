// Package storetest opens databases for other packages' tests.
package storetest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

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

// AddFeeds subscribes db to feeds feeds, feed f at
// https://feed<f>.example/rss titled "Feed number <f>", and stores perFeed
// items in each: item(f, i) is the i-th of feed f.
func AddFeeds(tb testing.TB, db *store.DB, feeds, perFeed int, item func(f, i int) store.Item) {
	tb.Helper()
	ctx := context.Background()
	for f := range feeds {
		fd, err := db.AddFeed(ctx, store.Feed{URL: fmt.Sprintf("https://feed%d.example/rss", f), Title: fmt.Sprintf("Feed number %d", f)})
		if err != nil {
			tb.Fatal(err)
		}
		items := make([]store.Item, perFeed)
		for i := range items {
			items[i] = item(f, i)
		}
		if _, err := db.UpsertItems(ctx, fd.ID, items, time.Now()); err != nil {
			tb.Fatal(err)
		}
	}
}
