package feedui

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"kiosk/feed"
	"kiosk/model"
	"kiosk/news"
	"kiosk/render"
	"kiosk/store"
	"kiosk/store/storetest"
	"kiosk/ui"
)

// pageText is a sentence only the item's web page has, not its feed.
const pageText = "The harbour board voted late on Tuesday to keep the old crane"

// newsSite serves a feed whose item gives only a summary ending in "Read
// more", and the item's page with the whole story; it counts page fetches.
func newsSite(t testing.TB) (*httptest.Server, *atomic.Int32) {
	var pages atomic.Int32
	var paras strings.Builder
	for i := range 8 {
		fmt.Fprintf(&paras, "<p>%s, paragraph %d of the story, with enough words in it to be read as the article's text and not as a caption.</p>", pageText, i+1)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>
<item><guid>crane</guid><title>Crane stays</title><link>http://%s/story</link>
<description><![CDATA[<p>The crane stays. <a href="http://%s/story">Read more</a></p>]]></description>
<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>`, r.Host, r.Host)
		case "/story":
			pages.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!doctype html><html><head><title>Crane stays</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Crane stays</h1>%s</article><footer>Contact</footer></body></html>`, paras.String())
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &pages
}

// subscribed is a database subscribed to the site's feed, fetched once.
func subscribed(t testing.TB, srv *httptest.Server) (*store.DB, *feed.Fetcher) {
	ctx := context.Background()
	db := storetest.Open(t)
	if _, err := db.AddFeed(ctx, store.Feed{URL: srv.URL + "/feed.xml"}); err != nil {
		t.Fatal(err)
	}
	fetcher := feed.NewFetcher(feed.Config{Version: "test"})
	if res, err := Fetch(ctx, db, fetcher, news.FetchOptions{All: true}, nil); err != nil || res.Added != 1 {
		t.Fatalf("first fetch: %+v, %v", res, err)
	}
	return db, fetcher
}

func startReader(t testing.TB, lib *model.Library, opts ui.Options) *teatest.TestModel {
	opts.Theme = render.ThemeDark
	return teatest.NewTestModel(t, ui.New(lib, opts), teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
}

func waitFor(t testing.TB, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(2*time.Millisecond))
}

// TestSummaryItemOpensAndItsFullTextArrivesFromTheSite: Enter on an item
// whose feed gives a summary shows the summary, fetches the page from a
// loopback server in the background, stores it and shows it; t shows the
// feed's text again, and opening it again fetches nothing.
func TestSummaryItemOpensAndItsFullTextArrivesFromTheSite(t *testing.T) {
	srv, pages := newsSite(t)
	db, fetcher := subscribed(t, srv)
	ctx := context.Background()
	lib, err := news.OpenLibrary(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	st, err := db.State(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	tm := startReader(t, lib, ui.Options{State: st, Feeds: Local(db, st, fetcher)})
	waitFor(t, tm, "Harbour News")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, tm, pageText)
	if pages.Load() != 1 {
		t.Errorf("the page was fetched %d times, want once", pages.Load())
	}
	rows, _ := db.Items(ctx, store.ItemQuery{})
	if body, _ := db.ItemBody(ctx, rows[0].ID); !strings.Contains(body.FullTextHTML, pageText) {
		t.Error("the full text was not stored with the item")
	}
	tm.Send(tea.KeyPressMsg{Code: 't', Text: "t"})
	waitFor(t, tm, "feed's text")
	tm.Send(tea.KeyPressMsg{Code: 't', Text: "t"})
	waitFor(t, tm, "full text")
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	waitFor(t, tm, "1/1")
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	time.Sleep(time.Second) // the stored text loads from the database: no network
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*ui.Model)
	if screen := final.View().Content; !strings.Contains(screen, pageText) {
		t.Errorf("opened again, the item does not show its full text:\n%s", screen)
	}
	if pages.Load() != 1 {
		t.Errorf("the page was fetched %d times in all, want once: the full text is stored", pages.Load())
	}
}

// TestTextIsOnlyForStoredItems: an article that is not an item of the
// store (a reader's own, or a forged key) gets no page fetched, whatever
// link it carries.
func TestTextIsOnlyForStoredItems(t *testing.T) {
	srv, pages := newsSite(t)
	db, fetcher := subscribed(t, srv)
	ctx := context.Background()
	st, _ := db.State(ctx, "someone")
	f := Reader(db, st, fetcher)
	forged := model.Lazy(model.Article{ID: "item:forged", Key: "item:forged", Title: "Forged", Link: srv.URL + "/story"}, nil)
	if kind, err := f.TextOf(ctx, forged); err != nil || kind != ui.TextOwn {
		t.Errorf("TextOf a forged item = %v, %v; want its own text only", kind, err)
	}
	if _, err := f.Text(ctx, forged, true); err == nil {
		t.Error("Text fetched the page of an item that is not stored")
	}
	if pages.Load() != 0 {
		t.Errorf("%d pages fetched for an item that is not stored", pages.Load())
	}
	if f.Fetch != nil {
		t.Error("a reader's feed functions can fetch feeds")
	}
}
