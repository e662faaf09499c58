package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func tempPath(t testing.TB) string {
	return filepath.Join(t.TempDir(), "kiosk.db")
}

func openAt(t testing.TB, path string) *DB {
	t.Helper()
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func openTemp(t testing.TB) *DB {
	t.Helper()
	return openAt(t, tempPath(t))
}

// openHourly opens a database whose clock moves on an hour each time it is
// read, so that every change and visit is later than the one before.
func openHourly(t testing.TB) *DB {
	db := openTemp(t)
	clock := day(1)
	db.now = func() time.Time { clock = clock.Add(time.Hour); return clock }
	return db
}

func openState(t testing.TB, db *DB, reader string) *State {
	t.Helper()
	s, err := db.State(context.Background(), reader)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func addFeed(t testing.TB, db *DB, url string) Feed {
	t.Helper()
	f, err := db.AddFeed(context.Background(), Feed{URL: url, Title: "Feed " + url})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func upsert(t testing.TB, db *DB, feedID int64, items ...Item) Upserted {
	t.Helper()
	n, err := db.UpsertItems(context.Background(), feedID, items, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func listItems(t testing.TB, db *DB, q ItemQuery) []ItemRow {
	t.Helper()
	rows, err := db.Items(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func day(n int) time.Time {
	return time.Date(2026, 11, n, 12, 0, 0, 0, time.UTC)
}

// mkdirTemp is a folder for data shared by benchmarks of one run.
func mkdirTemp() (string, error) {
	return os.MkdirTemp("", "kiosk-store-bench-")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bigPath != "" {
		os.RemoveAll(filepath.Dir(bigPath))
	}
	os.Exit(code)
}
