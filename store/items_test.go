package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestUpsertCountsAddedAndUpdatedAndDedups(t *testing.T) {
	db := openTemp(t)
	f := addFeed(t, db, "https://a.example/feed")
	items := []Item{
		{GUID: "g1", Link: "https://a.example/1", Title: "By GUID", Published: day(1)},
		{Link: "https://a.example/2", Title: "By link", Published: day(2)},
		{Title: "By title and date", Published: day(3)},
	}
	if n := upsert(t, db, f.ID, items...); n != (Upserted{Added: 3}) {
		t.Fatalf("first upsert %+v, want 3 added", n)
	}
	if n := upsert(t, db, f.ID, items...); n != (Upserted{}) {
		t.Errorf("the same items again: %+v, want nothing", n)
	}

	st := openState(t, db, "")
	key := listItems(t, db, ItemQuery{})[2].Key // the oldest: g1
	st.SetStarred(key, true)
	st.Flush()

	changed := items[0]
	changed.Link = "https://a.example/moved"
	changed.Title = "By GUID, corrected"
	changed.ContentHTML = "<p>new</p>"
	sameLink := items[1]
	sameLink.Summary = "now with a summary"
	n := upsert(t, db, f.ID, changed, sameLink, items[2], Item{Title: "By title and date", Published: day(4)})
	if n != (Upserted{Added: 1, Updated: 2}) {
		t.Errorf("upsert %+v, want 1 added (same title, other date) and 2 updated", n)
	}
	rows := listItems(t, db, ItemQuery{})
	if len(rows) != 4 {
		t.Fatalf("%d items, want 4", len(rows))
	}
	var found bool
	for _, r := range rows {
		if r.Key == key {
			found = true
			if r.Title != "By GUID, corrected" || r.Link != "https://a.example/moved" || !r.Starred {
				t.Errorf("the changed item %+v: want updated in place and still starred", r)
			}
			body, _ := db.ItemBody(context.Background(), r.ID)
			if body.ContentHTML != "<p>new</p>" {
				t.Errorf("body not updated: %+v", body)
			}
		}
	}
	if !found {
		t.Error("the changed item got a new key: its star moved away")
	}

	g := addFeed(t, db, "https://b.example/feed")
	if n := upsert(t, db, g.ID, items...); n.Added != 3 {
		t.Errorf("the same GUIDs in another feed: %+v, want 3 added", n)
	}
}

func TestItemsNewestFirstWithoutBodies(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	a := addFeed(t, db, "https://a.example/feed")
	b, _ := db.AddFeed(ctx, Feed{URL: "https://b.example/feed"})
	upsert(t, db, a.ID, Item{GUID: "old", Title: "Old", Published: day(1), ContentHTML: "<p>old body</p>"},
		Item{GUID: "new", Title: "New", Published: day(5)})
	db.UpsertItems(ctx, b.ID, []Item{{GUID: "mid", Title: "Undated"}}, day(3))

	rows := listItems(t, db, ItemQuery{})
	var titles []string
	for _, r := range rows {
		titles = append(titles, r.Title)
	}
	if len(rows) != 3 || rows[0].Title != "New" || rows[1].Title != "Undated" || rows[2].Title != "Old" {
		t.Fatalf("order %q: want newest first, an undated item at its fetch time", titles)
	}
	if rows[1].Feed != b.URL || rows[0].Feed != a.Title {
		t.Errorf("feed names %q, %q: want the title, else the URL", rows[0].Feed, rows[1].Feed)
	}
	if !rows[1].Published.Equal(day(3)) {
		t.Errorf("undated item's date %v, want its fetch time", rows[1].Published)
	}
	body, err := db.ItemBody(ctx, rows[2].ID)
	if err != nil || body.ContentHTML != "<p>old body</p>" {
		t.Errorf("body %+v, %v", body, err)
	}
	if _, err := db.ItemBody(ctx, 12345); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing body: %v", err)
	}
	if err := db.SetFullText(ctx, rows[2].ID, "<article>full</article>"); err != nil {
		t.Fatal(err)
	}
	if body, _ := db.ItemBody(ctx, rows[2].ID); body.FullTextHTML != "<article>full</article>" {
		t.Errorf("full text %q", body.FullTextHTML)
	}

	st := openState(t, db, "")
	st.MarkRead(rows[0].Key, true)
	st.SetStarred(rows[2].Key, true)
	st.Flush()
	if got := listItems(t, db, ItemQuery{Unread: true}); len(got) != 2 || got[0].Title != "Undated" {
		t.Errorf("unread only: %+v", got)
	}
	if got := listItems(t, db, ItemQuery{Starred: true}); len(got) != 1 || got[0].Title != "Old" || !got[0].Starred {
		t.Errorf("starred only: %+v", got)
	}
	if got := listItems(t, db, ItemQuery{FeedID: b.ID}); len(got) != 1 || got[0].Title != "Undated" {
		t.Errorf("one feed: %+v", got)
	}
	if got := listItems(t, db, ItemQuery{Limit: 1}); len(got) != 1 || got[0].Title != "New" {
		t.Errorf("limit 1: %+v", got)
	}
	if got := listItems(t, db, ItemQuery{Offset: 1}); len(got) != 2 || got[0].Title != "Undated" {
		t.Errorf("offset 1: %+v", got)
	}
	if got := listItems(t, db, ItemQuery{Reader: "SHA256:other", Unread: true}); len(got) != 3 {
		t.Errorf("another reader has %d unread, want 3", len(got))
	}
}

func TestPruneKeepsStarredUnreadRecentAndStillListed(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	f := addFeed(t, db, "https://a.example/feed")
	old := func(guid string) Item { return Item{GUID: guid, Title: guid, Published: day(1)} }
	db.UpsertItems(ctx, f.ID, []Item{old("read"), old("starred"), old("unread"), old("theirs-starred"), old("listed")}, day(1))
	db.UpsertItems(ctx, f.ID, []Item{{GUID: "recent", Published: day(20)}}, day(20))
	db.UpsertItems(ctx, f.ID, []Item{old("listed")}, day(20)) // still in the feed at the last fetch

	st := openState(t, db, "")
	for _, g := range []string{"read", "starred", "theirs-starred", "recent", "listed"} {
		st.MarkRead(ItemKey(f.ID, Item{GUID: g}), true)
	}
	st.SetStarred(ItemKey(f.ID, Item{GUID: "starred"}), true)
	st.Flush()
	theirs := openState(t, db, "SHA256:other")
	theirs.SetStarred(ItemKey(f.ID, Item{GUID: "theirs-starred"}), true)
	theirs.Flush()

	n, err := db.PruneItems(ctx, "", day(30).Add(-14*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, r := range listItems(t, db, ItemQuery{}) {
		left = append(left, r.Title)
	}
	if n != 1 || len(left) != 5 {
		t.Fatalf("pruned %d, left %q; want only the old read item pruned", n, left)
	}
	for _, r := range listItems(t, db, ItemQuery{}) {
		if r.Key == ItemKey(f.ID, Item{GUID: "read"}) {
			t.Error("the old read item is still there")
		}
	}
	if n := upsert(t, db, f.ID, old("listed")); n.Added != 0 {
		t.Error("an item still in the feed was pruned and came back as new")
	}
}
