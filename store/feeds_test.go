package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestAddListRemoveFeeds(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	a, err := db.AddFeed(ctx, Feed{URL: "https://a.example/feed", Title: "Alpha", Folder: "Tech"})
	if err != nil {
		t.Fatal(err)
	}
	if a.FullText != FullTextAuto || !a.NextFetch.IsZero() || a.Added.IsZero() {
		t.Errorf("new feed %+v: want full text auto, due at once, with its added time", a)
	}
	if _, err := db.AddFeed(ctx, Feed{URL: a.URL}); !errors.Is(err, ErrFeedExists) {
		t.Errorf("adding the same URL again: %v, want ErrFeedExists", err)
	}
	if _, err := db.AddFeed(ctx, Feed{URL: "https://b.example/feed", FullText: "sometimes"}); err == nil {
		t.Error("an unknown full text mode was accepted")
	}
	b := addFeed(t, db, "https://b.example/feed")
	upsert(t, db, a.ID, Item{GUID: "1"}, Item{GUID: "2"}, Item{GUID: "3"})
	upsert(t, db, b.ID, Item{GUID: "1"})

	st := openState(t, db, "")
	st.MarkRead(ItemKey(a.ID, Item{GUID: "2"}), true)
	st.Flush()
	other := openState(t, db, "SHA256:someone")
	other.MarkRead(ItemKey(a.ID, Item{GUID: "1"}), true)
	other.MarkRead(ItemKey(a.ID, Item{GUID: "3"}), true)
	other.Flush()

	feeds, err := db.Feeds(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 2 || feeds[0].ID != b.ID || feeds[1].ID != a.ID {
		t.Fatalf("feeds %+v: want b (no folder) then a (folder Tech)", feeds)
	}
	if feeds[1].Items != 3 || feeds[1].Unread != 2 || feeds[0].Unread != 1 {
		t.Errorf("counts for the local reader: a %d items %d unread, b %d unread; want 3, 2, 1",
			feeds[1].Items, feeds[1].Unread, feeds[0].Unread)
	}
	theirs, _ := db.Feeds(ctx, "SHA256:someone")
	if theirs[1].Unread != 1 {
		t.Errorf("the SSH reader has %d unread in a, want 1", theirs[1].Unread)
	}

	if err := db.RemoveFeed(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if rows := listItems(t, db, ItemQuery{}); len(rows) != 1 {
		t.Errorf("after removing a feed %d items are left, want 1", len(rows))
	}
	var states int
	db.sql.QueryRow(`SELECT count(*) FROM reading_state`).Scan(&states)
	if states != 0 {
		t.Errorf("%d reading state rows of the removed feed's items remain", states)
	}
	if err := db.RemoveFeed(ctx, a.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing it again: %v, want ErrNotFound", err)
	}
}

// TestFetchesKeepTheTitleTheSubscriberGave: a feed named on subscribing
// (an OPML outline's text) keeps that name through every fetch; a feed
// with no name given takes its own title, and the newest one.
func TestFetchesKeepTheTitleTheSubscriberGave(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	named, err := db.AddFeed(ctx, Feed{URL: "https://a.example/feed", Title: "My harbour news", TitleGiven: true})
	if err != nil {
		t.Fatal(err)
	}
	unnamed, err := db.AddFeed(ctx, Feed{URL: "https://b.example/feed", Title: "Harbour Daily"})
	if err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"Harbour Daily", "Harbour Daily — all the news"} {
		for _, f := range []Feed{named, unnamed} {
			if err := db.RecordFetch(ctx, f.ID, Fetch{At: day(10), Title: title}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got, _ := db.Feed(ctx, named.ID); got.Title != "My harbour news" || !got.TitleGiven {
		t.Errorf("the name the subscriber gave became %q (given: %v)", got.Title, got.TitleGiven)
	}
	if got, _ := db.Feed(ctx, unnamed.ID); got.Title != "Harbour Daily — all the news" {
		t.Errorf("a feed with no name given is called %q, not its own newest title", got.Title)
	}
	blank, err := db.AddFeed(ctx, Feed{URL: "https://c.example/feed", Title: " ", TitleGiven: true})
	if err != nil {
		t.Fatal(err)
	}
	db.RecordFetch(ctx, blank.ID, Fetch{At: day(10), Title: "Own title"})
	if got, _ := db.Feed(ctx, blank.ID); got.Title != "Own title" {
		t.Errorf("a blank name kept the feed's own title out: %q", got.Title)
	}
}

// TestNextDueIsTheFirstFeedDue: the earliest time a feed not disabled is
// due, and none without such a feed.
func TestNextDueIsTheFirstFeedDue(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if _, ok, err := db.NextDue(ctx); ok || err != nil {
		t.Errorf("with no feeds: ok %v, %v", ok, err)
	}
	a, b, gone := addFeed(t, db, "https://a.example/feed"), addFeed(t, db, "https://b.example/feed"), addFeed(t, db, "https://c.example/feed")
	db.RecordFetch(ctx, a.ID, Fetch{At: day(10), NextFetch: day(12)})
	db.RecordFetch(ctx, b.ID, Fetch{At: day(10), NextFetch: day(11)})
	db.RecordFetch(ctx, gone.ID, Fetch{At: day(10), NextFetch: day(10), Err: "410 Gone", Gone: true})
	if next, ok, err := db.NextDue(ctx); !ok || err != nil || !next.Equal(day(11)) {
		t.Errorf("next due %v (ok %v, %v), want %v", next, ok, err, day(11))
	}
}

func TestRecordFetch(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	f := addFeed(t, db, "https://a.example/feed")
	now := day(10)

	ok := Fetch{At: now, NextFetch: now.Add(30 * time.Minute), ETag: `"abc"`, LastModified: "Tue, 10 Nov 2026 12:00:00 GMT",
		Title: "Real title", SiteURL: "https://a.example/", MinInterval: time.Hour}
	if err := db.RecordFetch(ctx, f.ID, ok); err != nil {
		t.Fatal(err)
	}
	got, _ := db.Feed(ctx, f.ID)
	if got.ETag != ok.ETag || got.LastModified != ok.LastModified || got.Title != "Real title" ||
		got.MinInterval != time.Hour || !got.LastFetch.Equal(now) || !got.NextFetch.Equal(ok.NextFetch) {
		t.Errorf("after a good fetch: %+v", got)
	}
	if due, _ := db.DueFeeds(ctx, now.Add(time.Minute)); len(due) != 0 {
		t.Errorf("a feed just fetched is due: %+v", due)
	}

	for i := range 3 {
		if err := db.RecordFetch(ctx, f.ID, Fetch{At: now, NextFetch: now.Add(time.Duration(i+1) * time.Hour), Err: "HTTP 500"}); err != nil {
			t.Fatal(err)
		}
	}
	got, _ = db.Feed(ctx, f.ID)
	if got.ErrorCount != 3 || got.LastError != "HTTP 500" || got.ETag != ok.ETag || got.Title != "Real title" {
		t.Errorf("after three failures: %+v; want 3 errors, validators and title kept", got)
	}
	db.RecordFetch(ctx, f.ID, Fetch{At: now, ETag: `"abc"`})
	got, _ = db.Feed(ctx, f.ID)
	if got.ErrorCount != 0 || got.LastError != "" || got.Title != "Real title" {
		t.Errorf("a success after failures: %+v; want errors cleared, title kept", got)
	}

	other := addFeed(t, db, "https://b.example/feed")
	db.RecordFetch(ctx, f.ID, Fetch{At: now, NewURL: other.URL})
	if got, _ = db.Feed(ctx, f.ID); got.URL != f.URL {
		t.Errorf("a redirect onto another subscription's URL took it: %s", got.URL)
	}
	db.RecordFetch(ctx, f.ID, Fetch{At: now, NewURL: "https://a.example/new-feed"})
	if got, _ = db.Feed(ctx, f.ID); got.URL != "https://a.example/new-feed" {
		t.Errorf("after a permanent redirect the URL is %s", got.URL)
	}

	db.RecordFetch(ctx, f.ID, Fetch{At: now, Err: "410 Gone", Gone: true})
	if due, _ := db.DueFeeds(ctx, now.Add(1000*time.Hour)); len(due) != 1 || due[0].ID != other.ID {
		t.Errorf("due feeds %+v: a gone feed must never be due", due)
	}
}

func TestEditFeed(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	f := addFeed(t, db, "https://a.example/feed")
	f.Title, f.Folder, f.FullText = "Mine", "News", FullTextAlways
	if err := db.EditFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Feed(ctx, f.ID); got.Title != "Mine" || got.Folder != "News" || got.FullText != FullTextAlways {
		t.Errorf("after editing: %+v", got)
	}
	if err := db.EditFeed(ctx, Feed{ID: 999, FullText: FullTextNever}); !errors.Is(err, ErrNotFound) {
		t.Errorf("editing a missing feed: %v", err)
	}
}
