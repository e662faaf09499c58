package news

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/feed"
	"kiosk/store"
	"kiosk/store/storetest"
)

func rss(title string, items ...string) string {
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>` + title + `</title>` +
		strings.Join(items, "") + `</channel></rss>`
}

func rssItem(guid, title, description string) string {
	return `<item><guid>` + guid + `</guid><title>` + title + `</title><link>https://example.com/` + guid +
		`</link><description><![CDATA[` + description + `]]></description><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>`
}

// feedServer serves body at /feed.xml with an ETag, answering a matching
// If-None-Match with 304, and 500 at /broken.xml; it counts full responses.
func feedServer(t *testing.T, body *atomic.Value) (*httptest.Server, *atomic.Int32) {
	var full atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			b := body.Load().(string)
			etag := fmt.Sprintf(`"%d"`, len(b))
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			full.Add(1)
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, b)
		default:
			http.Error(w, "broken", http.StatusInternalServerError)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &full
}

func TestFetchFeedsStoresItemsAndA304ChangesNothing(t *testing.T) {
	ctx := context.Background()
	var body atomic.Value
	body.Store(rss("Example news", rssItem("1", "First", "<p>One.</p>"), rssItem("2", "Second", "<p>Two.</p>")))
	srv, full := feedServer(t, &body)
	db := storetest.Open(t)
	good, _ := db.AddFeed(ctx, store.Feed{URL: srv.URL + "/feed.xml"})
	db.AddFeed(ctx, store.Feed{URL: srv.URL + "/broken.xml"})
	fetcher := feed.NewFetcher(feed.Config{Version: "test"})

	var progress []string
	var mu sync.Mutex
	reports, err := FetchFeeds(ctx, db, fetcher, FetchOptions{OnFeed: func(r FeedReport, done, total int) {
		mu.Lock()
		defer mu.Unlock()
		progress = append(progress, fmt.Sprintf("%d/%d %s", done, total, r.Change))
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 2 || len(progress) != 2 {
		t.Fatalf("%d reports, progress %v: want 2 of each", len(reports), progress)
	}
	for _, r := range reports {
		switch r.Feed.ID {
		case good.ID:
			if r.Change != Changed || r.Added != 2 {
				t.Errorf("first fetch: %v, %d added; want changed, 2", r.Change, r.Added)
			}
		default:
			if r.Change != Failed || r.Err == nil || !strings.Contains(r.Err.Error(), "500") {
				t.Errorf("broken feed: %v, %v", r.Change, r.Err)
			}
		}
	}
	stored, _ := db.FeedByURL(ctx, srv.URL+"/feed.xml")
	if stored.Title != "Example news" || stored.ETag == "" || !stored.NextFetch.After(time.Now()) {
		t.Errorf("feed after fetch: title %q etag %q next %v", stored.Title, stored.ETag, stored.NextFetch)
	}
	broken, _ := db.FeedByURL(ctx, srv.URL+"/broken.xml")
	if broken.ErrorCount != 1 || broken.LastError == "" {
		t.Errorf("broken feed: %d errors, last %q", broken.ErrorCount, broken.LastError)
	}

	if again, _ := FetchFeeds(ctx, db, fetcher, FetchOptions{}); len(again) != 0 {
		t.Errorf("fetching again at once fetched %d feeds that are not due", len(again))
	}
	reports, err = FetchFeeds(ctx, db, fetcher, FetchOptions{All: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		if r.Feed.ID == good.ID && (r.Outcome != feed.NotModified || r.Change != Unchanged || r.Added+r.Updated != 0) {
			t.Errorf("second fetch: %v %v, %d added %d updated; want not modified, unchanged", r.Outcome, r.Change, r.Added, r.Updated)
		}
	}
	if full.Load() != 1 {
		t.Errorf("the feed's body was sent %d times; the second fetch should be a 304", full.Load())
	}

	body.Store(rss("Example news", rssItem("1", "First", "<p>One, corrected.</p>"), rssItem("2", "Second", "<p>Two.</p>"), rssItem("3", "Third", "<p>Three.</p>")))
	reports, _ = FetchFeeds(ctx, db, fetcher, FetchOptions{All: true})
	for _, r := range reports {
		if r.Feed.ID == good.ID && (r.Added != 1 || r.Updated != 1) {
			t.Errorf("changed feed: %d added, %d updated; want 1, 1", r.Added, r.Updated)
		}
	}

	lib, err := OpenLibrary(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Articles) != 3 {
		t.Fatalf("library has %d articles, want 3", len(lib.Articles))
	}
	a := lib.Articles[0]
	if a.HasBody() || a.Feed != "Example news" || !strings.HasPrefix(a.ID, "item:") || a.ID != a.Key {
		t.Errorf("library row: body %v feed %q id %q key %q", a.HasBody(), a.Feed, a.ID, a.Key)
	}
	full1, err := a.Load(ctx)
	if err != nil || len(full1.Blocks) == 0 {
		t.Fatalf("loading the body: %v, %d blocks", err, len(full1.Blocks))
	}
	if results := lib.Search("corrected"); len(results) != 1 || results[0].Article.Title != "First" {
		t.Errorf("search of stored items: %+v", results)
	}
}

func TestFetchFeedsGoneDisablesAndRedirectMoves(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/old.xml":
			http.Redirect(w, r, "/new.xml", http.StatusMovedPermanently)
		case "/new.xml":
			fmt.Fprint(w, rss("Moved", rssItem("a", "A", "<p>a</p>")))
		default:
			w.WriteHeader(http.StatusGone)
		}
	}))
	defer srv.Close()
	db := storetest.Open(t)
	db.AddFeed(ctx, store.Feed{URL: srv.URL + "/old.xml"})
	db.AddFeed(ctx, store.Feed{URL: srv.URL + "/gone.xml"})
	if _, err := FetchFeeds(ctx, db, feed.NewFetcher(feed.Config{}), FetchOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FeedByURL(ctx, srv.URL+"/new.xml"); err != nil {
		t.Errorf("a permanent redirect did not move the feed: %v", err)
	}
	gone, _ := db.FeedByURL(ctx, srv.URL+"/gone.xml")
	if !gone.Disabled {
		t.Error("410 Gone did not disable the feed")
	}
	reports, _ := FetchFeeds(ctx, db, feed.NewFetcher(feed.Config{}), FetchOptions{All: true})
	for _, r := range reports {
		if r.Feed.ID == gone.ID {
			t.Error("a disabled feed was fetched")
		}
	}
}
