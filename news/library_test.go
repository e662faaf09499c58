package news

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"kiosk/store"
	"kiosk/store/storetest"
)

// TestStoredItemsLoadSafelyFromManySessions opens one library of stored
// items and reads it from many goroutines at once, as SSH sessions do:
// every reader of an item gets the same body, and search runs beside.
// Run it with -race.
func TestStoredItemsLoadSafelyFromManySessions(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	f, _ := db.AddFeed(ctx, store.Feed{URL: "https://example.com/feed", Title: "Example"})
	var items []store.Item
	for i := range 20 {
		items = append(items, store.Item{GUID: fmt.Sprint(i), Title: fmt.Sprintf("Story %d", i),
			ContentHTML: fmt.Sprintf("<p>Body of story %d about the harbour.</p>", i), Published: time.Date(2026, 11, 1, i, 0, 0, 0, time.UTC)})
	}
	if _, err := db.UpsertItems(ctx, f.ID, items, time.Now()); err != nil {
		t.Fatal(err)
	}
	first, err := OpenFirstItems(ctx, db, 5)
	if err != nil || len(first.Articles) != 5 {
		t.Fatalf("first items: %d, %v", len(first.Articles), err)
	}
	lib, err := CompleteLibrary(ctx, db, first)
	if err != nil || len(lib.Articles) != 20 {
		t.Fatalf("whole library: %d, %v", len(lib.Articles), err)
	}
	for i, a := range first.Articles {
		if lib.Articles[i] != a {
			t.Fatalf("article %d of the first items was replaced when the library was completed", i)
		}
	}
	var wg sync.WaitGroup
	for s := range 16 {
		wg.Go(func() {
			for _, a := range lib.Articles[:8] {
				b, err := a.Load(ctx)
				if err != nil || len(b.Blocks) != 1 || b.Key != a.Key {
					t.Errorf("session %d: %v", s, err)
					return
				}
			}
			if got := lib.Search("harbour"); len(got) != 20 {
				t.Errorf("session %d: search found %d", s, len(got))
			}
		})
	}
	wg.Wait()
}
