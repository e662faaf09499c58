package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/feed"
	"kiosk/news"
	"kiosk/store"
)

// serveStored serves the items db holds, as kiosk serve does with no paths.
func serveStored(t *testing.T, db *store.DB) *testServer {
	t.Helper()
	lib, err := news.OpenLibrary(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return startServerWith(t, lib, Config{DB: db})
}

// operatorFeeds is a database subscribed to one feed on a loopback server,
// not fetched yet; items holds the feed's item titles, and requests counts
// the requests for each path. The items link to pages on the same server
// (/story/N), for their full text under the feed's mode.
func operatorFeeds(t *testing.T, mode store.FullText) (*store.DB, *atomic.Value, map[string]*atomic.Int32) {
	var items atomic.Value
	items.Store([]string{"Harbour crane stays"})
	requests := map[string]*atomic.Int32{"/feed.xml": {}, "/elsewhere.xml": {}, "/story/0": {}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := requests[r.URL.Path]; n != nil {
			n.Add(1)
		}
		if strings.HasPrefix(r.URL.Path, "/story/") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, storyPage)
			return
		}
		if r.URL.Path != "/feed.xml" {
			http.NotFound(w, r)
			return
		}
		var b strings.Builder
		for i, title := range items.Load().([]string) {
			fmt.Fprintf(&b, `<item><guid>%d</guid><title>%s</title><link>http://%s/story/%d</link><description>%s, the whole story in a few words.</description></item>`,
				i, title, r.Host, i, title)
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>%s</channel></rss>`, b.String())
	}))
	t.Cleanup(srv.Close)
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "kiosk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.AddFeed(context.Background(), store.Feed{URL: srv.URL + "/feed.xml", FullText: mode}); err != nil {
		t.Fatal(err)
	}
	return db, &items, requests
}

// TestSessionsSeeTheItemsTheServerFetches: the server fetches the
// operator's feeds itself, and a connected reader sees the items arrive;
// r makes the server fetch every feed, at most once a minute.
func TestSessionsSeeTheItemsTheServerFetches(t *testing.T) {
	db, items, requests := operatorFeeds(t, store.FullTextNever)
	ts := serveStored(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ts.ServeFeeds(ctx, FeedsConfig{DB: db, Fetcher: feed.NewFetcher(feed.Config{Version: "test"}), Every: time.Hour})

	term := openTerminal(t, ts.addr, 100, 30)
	term.waitForText("Harbour crane stays")
	term.waitForText("Harbour News · ")

	items.Store([]string{"Harbour crane stays", "Ferry timetable changes"})
	before := requests["/feed.xml"].Load()
	term.send("r")
	term.waitForText("Ferry timetable changes")
	if got := requests["/feed.xml"].Load() - before; got != 1 {
		t.Errorf("r made %d requests for the feed, want 1", got)
	}
	term.send("r")
	term.waitForText("ask again in")
	if got := requests["/feed.xml"].Load() - before; got != 1 {
		t.Errorf("a second r within the minute fetched again: %d requests", got)
	}

	later := openTerminal(t, ts.addr, 100, 30)
	later.waitForText("Ferry timetable changes")
	later.send("F")
	later.waitForText("Harbour News")
	later.waitForText("1 feed · 2 unread")
}

// TestSSHReadersCannotMakeTheServerFetchAnAddress: no command a client
// runs subscribes or fetches an address it names.
func TestSSHReadersCannotMakeTheServerFetchAnAddress(t *testing.T) {
	db, _, requests := operatorFeeds(t, store.FullTextNever)
	ts := serveStored(t, db)
	feedURL := ""
	if fs, _ := db.Feeds(context.Background(), ""); len(fs) == 1 {
		feedURL = fs[0].URL
	}
	elsewhere := strings.Replace(feedURL, "/feed.xml", "/elsewhere.xml", 1)
	for _, cmd := range []string{"feeds add " + elsewhere, "fetch", elsewhere, "list " + elsewhere, "show 1 " + elsewhere} {
		_, _, status := runCommand(t, dial(t, ts.addr), cmd)
		if status == 0 {
			t.Errorf("%q ran over SSH", cmd)
		}
	}
	if n := requests["/elsewhere.xml"].Load() + requests["/feed.xml"].Load(); n != 0 {
		t.Errorf("SSH commands made the server fetch %d times", n)
	}
	if fs, _ := db.Feeds(context.Background(), ""); len(fs) != 1 {
		t.Errorf("the operator now has %d feeds", len(fs))
	}
}

// storyPage is the page an item links to: the whole story.
var storyPage = `<!DOCTYPE html><html><head><title>Harbour crane stays</title></head><body><article><h1>Harbour crane stays</h1>` +
	strings.Repeat(`<p>The council voted to keep the old harbour crane where it stands, after a long evening in which dockers, shop owners and the heritage society all spoke for it.</p>`, 6) +
	`<p>The whole story, as the page tells it.</p></article></body></html>`

// TestServerFetchesPagesOnlyFromPublicAddresses: an item's link is its
// publisher's choice, so by default the server fetches no full text from
// a loopback (or private, or link-local) address and says why; a server
// configured to fetch them (kiosk serve --fetch-private-addresses) does.
func TestServerFetchesPagesOnlyFromPublicAddresses(t *testing.T) {
	for _, private := range []bool{false, true} {
		t.Run(fmt.Sprintf("private=%v", private), func(t *testing.T) {
			db, _, requests := operatorFeeds(t, store.FullTextAlways)
			loopback := feed.NewFetcher(feed.Config{Version: "test"})
			if _, err := news.FetchFeeds(context.Background(), db, loopback, news.FetchOptions{All: true}); err != nil {
				t.Fatal(err)
			}
			ts := serveStored(t, db)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			cfg := FeedsConfig{DB: db, Fetcher: loopback, Every: time.Hour}
			if private {
				cfg.Pages = loopback
			}
			ts.ServeFeeds(ctx, cfg)

			term := openTerminal(t, ts.addr, 240, 30) // wide enough for the whole note
			term.waitForText("Harbour crane stays")
			term.send("\r")
			if private {
				term.waitForText("The whole story, as the page tells it.")
				return
			}
			term.waitForText("non-public address 127.0.0.1")
			if n := requests["/story/0"].Load(); n != 0 {
				t.Errorf("the server fetched the page at a loopback address %d times", n)
			}
		})
	}
}

// TestReaderOfFeedsWithNoItemsYetIsToldTheyAreComing: before the
// operator's feeds have brought any item, a reader reads that the server
// fetches them, not how to open news files, and the items show once a
// fetch brings them.
func TestReaderOfFeedsWithNoItemsYetIsToldTheyAreComing(t *testing.T) {
	db, items, _ := operatorFeeds(t, store.FullTextNever)
	items.Store([]string{})
	lib, err := news.OpenLibrary(context.Background(), db)
	if lib == nil {
		t.Fatal(err)
	}
	ts := startServerWith(t, lib, Config{DB: db})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ts.ServeFeeds(ctx, FeedsConfig{DB: db, Fetcher: feed.NewFetcher(feed.Config{Version: "test"}), Every: 30 * time.Minute})

	term := openTerminal(t, ts.addr, 160, 30)
	screen := term.waitForText("every 30 minutes: items show here as they arrive")
	if strings.Contains(screen, "Point it at news files") {
		t.Errorf("a reader of the server's feeds is told to point kiosk at news files:\n%s", screen)
	}
	// The server's first fetch (which found no items) is done before r.
	for deadline := time.Now().Add(waitLimit); ; time.Sleep(20 * time.Millisecond) {
		ts.feeds.mu.Lock()
		done := !ts.feeds.running && !ts.feeds.lastDone.IsZero()
		ts.feeds.mu.Unlock()
		if done {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server did not fetch its feeds when it started")
		}
	}
	items.Store([]string{"Harbour crane stays"})
	term.send("r")
	term.waitForText("Harbour crane stays")
}

// TestServerFetchesEachFeedEveryInterval: the server fetches each feed
// every FeedsConfig.Every (kiosk serve --fetch-every), not on a schedule
// of its own: the feed is due again after that interval, and the server
// fetches it when it is due.
func TestServerFetchesEachFeedEveryInterval(t *testing.T) {
	db, _, requests := operatorFeeds(t, store.FullTextNever)
	ts := serveStored(t, db)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const every = 400 * time.Millisecond
	ts.ServeFeeds(ctx, FeedsConfig{DB: db, Fetcher: feed.NewFetcher(feed.Config{Version: "test"}), Every: every})

	deadline := time.Now().Add(waitLimit)
	for requests["/feed.xml"].Load() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("the server fetched its feed %d times in %v, fetching every %v", requests["/feed.xml"].Load(), waitLimit, every)
		}
		time.Sleep(20 * time.Millisecond)
	}
	fs, err := db.Feeds(context.Background(), "")
	if err != nil || len(fs) != 1 {
		t.Fatal(fs, err)
	}
	if got := fs[0].NextFetch.Sub(fs[0].LastFetch); got != every {
		t.Errorf("the feed is due again %v after its fetch, want %v", got, every)
	}
}
