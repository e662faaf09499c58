package ui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/model"
)

func TestRowsNameTheFeedAndTheItemsAge(t *testing.T) {
	m := feedReader(newFakeFeeds(), newFakeFeeds().options())
	mustShow(t, m, "Alpha News · 3h", "Beta Daily · 5h", "Alpha News · 2d")
	for _, c := range []struct {
		ago  time.Duration
		want string
	}{{30 * time.Second, "now"}, {5 * time.Minute, "5m"}, {23 * time.Hour, "23h"}, {30 * 24 * time.Hour, "30d"}, {60 * 24 * time.Hour, "3 Sep"}, {400 * 24 * time.Hour, "28 Sep 2025"}} {
		if got := age(feedNow.Add(-c.ago), feedNow); got != c.want {
			t.Errorf("age %v = %q, want %q", c.ago, got, c.want)
		}
	}
}

func TestFeedsViewListsFeedsAndOpensOneFeedsItems(t *testing.T) {
	f := newFakeFeeds()
	m := feedReader(f, f.options())
	pressRun(m, "F")
	if m.screen != screenFeeds {
		t.Fatal("F did not open the feeds view")
	}
	mustShow(t, m, "3 feeds · 5 unread", "World / Alpha News", "Beta Daily", "error: 500 Internal Server Error")
	if s := m.View().Content; strings.Contains(s, "\x1b[31m") {
		t.Error("a feed's name reached the screen with its escape sequence")
	}
	pressRun(m, "j") // Beta Daily
	pressRun(m, "enter")
	if m.screen != screenList {
		t.Fatal("enter did not list the feed's items")
	}
	mustShow(t, m, "Beta Daily · 3 items", "Beta first", "Beta third")
	mustNotShow(t, m, "Alpha first")
	pressRun(m, "q") // q in one feed's items goes back to the feeds, not out
	if m.screen != screenFeeds {
		t.Fatalf("q in a feed's items went to screen %d, not back to the feeds", m.screen)
	}
	pressRun(m, "esc")
	if m.screen != screenList || m.list.feed != nil {
		t.Fatal("esc in the feeds view did not go back to every article")
	}
	mustShow(t, m, "Alpha first", "Beta first")
}

func TestAMarksAFeedRead(t *testing.T) {
	f := newFakeFeeds()
	m := feedReader(f, f.options())
	pressRun(m, "F")
	pressRun(m, "A") // Alpha News, two unread
	mustShow(t, m, "Alpha News: 2 items marked read.", "3 feeds · 3 unread")
	for _, k := range []string{"item:a1", "item:a2"} {
		if !f.state.Get(k).Read {
			t.Errorf("%s is not read after A", k)
		}
	}
	if f.state.Get("item:b1").Read {
		t.Error("A marked another feed's item read")
	}
	pressRun(m, "q")
	marks := func(i int) string { return m.list.marks(f.state.Get(f.lib.Articles[i].Key)) }
	if marks(0) != marks(2) || strings.Contains(marks(0), "●") {
		t.Error("the list still marks the feed's items unread")
	}
}

func TestFetchShowsProgressAndNewItemsArriveLive(t *testing.T) {
	f := newFakeFeeds()
	f.gate = make(chan struct{})
	f.next = []*model.Article{feedItem("Alpha News", "item:a0", "Gamma breaking story", "https://alpha.example/0", time.Minute, "New.")}
	m := feedReader(f, f.options())
	tm := startModel(t, m, 100, 30)
	waitFor(t, tm, "Alpha first")
	tm.Send(press("r"))
	// Not "fetching 1/3 …": when a frame saying "fetching…" came first, the
	// renderer rewrites only the end of the line.
	waitFor(t, tm, "1/3 …")
	close(f.gate)
	waitFor(t, tm, "Fetched 3 feeds: 1 new item, 1 failed (broken: 500).")
	if screen := finalScreen(t, tm); !strings.Contains(screen, "Gamma breaking story") || !strings.Contains(screen, "1 new") || strings.Contains(screen, "fetching") {
		t.Errorf("after the fetch the status line does not count the new item, or still says fetching:\n%s", screen)
	}
}

func TestReaderFetchesOnItsScheduleByItself(t *testing.T) {
	f := newFakeFeeds()
	f.next = []*model.Article{feedItem("Alpha News", "item:a0", "Scheduled arrival", "https://alpha.example/0", time.Minute, "New.")}
	opts := f.options()
	opts.Feeds.Every = 20 * time.Millisecond
	tm := startModel(t, New(f.lib, opts), 100, 30)
	waitFor(t, tm, "Scheduled arrival")
	n := f.fetches.Load()
	deadline := time.Now().Add(5 * time.Second)
	for f.fetches.Load() < n+2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if f.fetches.Load() < n+2 {
		t.Errorf("the reader fetched %d times, then stopped: the schedule does not go on", f.fetches.Load())
	}
	finalScreen(t, tm)
}

func TestOpenLinkInTheBrowserOrShowTheLink(t *testing.T) {
	f := newFakeFeeds()
	var opened atomic.Value
	opts := f.options()
	opts.OpenLink = func(url string) error { opened.Store(url); return nil }
	local := feedReader(f, opts)
	pressRun(local, "o")
	if got, _ := opened.Load().(string); got != "https://alpha.example/1" {
		t.Errorf("o opened %q, want the item's link", got)
	}
	mustShow(t, local, "Opened in your browser: https://alpha.example/1")

	// Over SSH there is no browser to open: the link is shown, sanitised.
	f.lib.Articles[0].Link = "https://alpha.example/1\x1b]8;;evil\x07"
	ssh := feedReader(f, f.options())
	pressRun(ssh, "o")
	mustShow(t, ssh, "Link: https://alpha.example/1")
	if strings.Contains(ssh.View().Content, "\x1b]8") {
		t.Error("the link's escape sequence reached the screen")
	}
	pressRun(ssh, "enter")
	pressRun(ssh, "o")
	mustShow(t, ssh, "Link: https://alpha.example/1")
}

func TestSummaryOpensAndItsFullTextArrivesThenTSwitches(t *testing.T) {
	f := newFakeFeeds()
	delete(f.full, "item:a1") // not fetched yet
	f.gate = make(chan struct{})
	m := feedReader(f, f.options())
	_, cmd := m.Update(press("enter"))
	settle(m)
	// The summary shows at once; the page is fetched in the background.
	done := make(chan struct{})
	go func() { defer close(done); run(m, cmd) }()
	time.Sleep(20 * time.Millisecond)
	close(f.gate)
	<-done
	settle(m)
	mustShow(t, m, "Fetched page text of Alpha first.", "full text")
	if f.texts.Load() != 1 {
		t.Fatalf("the page was fetched %d times, want 1", f.texts.Load())
	}
	pressRun(m, "t")
	mustShow(t, m, "Summary of alpha one.", "feed's text")
	mustNotShow(t, m, "Fetched page text")
	pressRun(m, "t")
	mustShow(t, m, "Fetched page text of Alpha first.")
	if f.texts.Load() != 1 {
		t.Errorf("t fetched the page again (%d fetches): it is stored", f.texts.Load())
	}
}

func TestSummaryIsShownWhileTheFullTextIsFetched(t *testing.T) {
	f := newFakeFeeds()
	delete(f.full, "item:a1")
	m := feedReader(f, f.options())
	_, cmd := m.Update(press("enter"))
	settle(m)
	// Deliver what the item's text is, but not the page yet.
	for _, msg := range messagesOf(cmd) {
		if msg, ok := msg.(textOfMsg); ok {
			m.Update(msg)
		}
	}
	mustShow(t, m, "Summary of alpha one.", "fetching the full text… (summary shown)")
}

// TestEmptyFeedsLibrarySaysHowItemsCome: a reader of feeds with no items
// yet is not told to point kiosk at news files: it says how the items
// come (r, a fetch under way, or the server's word), and the items show
// when a fetch brings them.
func TestEmptyFeedsLibrarySaysHowItemsCome(t *testing.T) {
	f := newFakeFeeds()
	items := f.lib.Articles
	f.lib = &model.Library{Name: "your feeds"}
	f.gate = make(chan struct{})
	m := feedReader(f, f.options())
	screen := strings.Join(screenLines(m), "\n")
	for _, want := range []string{"no items yet", "Press r to fetch them"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the empty feeds screen lacks %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "Point it at news files") {
		t.Errorf("a reader of feeds is told to point kiosk at news files:\n%s", screen)
	}

	f.next = items
	_, cmd := m.Update(keyPress("r"))
	settle(m)
	if screen := strings.Join(screenLines(m), "\n"); !strings.Contains(screen, "Fetching them now") {
		t.Errorf("the empty screen does not say a fetch is under way:\n%s", screen)
	}
	close(f.gate)
	run(m, cmd)
	if screen := strings.Join(screenLines(m), "\n"); !strings.Contains(screen, "Alpha first") {
		t.Errorf("the fetched items do not show:\n%s", screen)
	}

	served := newFakeFeeds()
	served.lib = &model.Library{Name: "your feeds"}
	opts := served.options()
	opts.Feeds.Waiting = "The server fetches them every 30 minutes."
	screen = strings.Join(screenLines(feedReader(served, opts)), "\n")
	if !strings.Contains(screen, "The server fetches them every 30 minutes.") || strings.Contains(screen, "Point it at") {
		t.Errorf("the empty screen of a served reader:\n%s", screen)
	}
}

// TestOneFeedsItemsGetNewItemsLive: while the list shows one feed's
// items, a library update (a fetch by the server, by the schedule or by
// r) brings that feed's new items into it, and not another feed's.
func TestOneFeedsItemsGetNewItemsLive(t *testing.T) {
	f := newFakeFeeds()
	m := feedReader(f, f.options())
	pressRun(m, "F")
	pressRun(m, "enter") // Alpha News
	mustShow(t, m, "Alpha News · 2 items", "Alpha first")

	f.mu.Lock()
	fresh := feedItem("Alpha News", "item:a0", "Alpha breaking story", "https://alpha.example/0", time.Minute, "New.")
	other := feedItem("Beta Daily", "item:b0", "Beta breaking story", "https://beta.example/0", time.Minute, "New.")
	f.feedOf[fresh.Key], f.feedOf[other.Key] = 1, 2
	next := &model.Library{Name: f.lib.Name, Articles: append([]*model.Article{fresh, other}, f.lib.Articles...)}
	old := f.lib
	f.lib = next
	f.mu.Unlock()
	_, cmd := m.Update(LibraryUpdateMsg{Update: DiffLibraries(old, next)})
	run(m, cmd)
	mustShow(t, m, "Alpha News · 3 items", "Alpha breaking story", "Alpha first")
	mustNotShow(t, m, "Beta breaking story")
}

// TestTheFeedsTextStaysChosenWhenTheReaderComesBack: after t to an item's
// own text, going to the next article and back shows the feed's text
// again, not the full text; t back to the full text is remembered too.
func TestTheFeedsTextStaysChosenWhenTheReaderComesBack(t *testing.T) {
	f := newFakeFeeds()
	m := feedReader(f, f.options())
	pressRun(m, "enter") // Alpha first: a summary, its full text stored
	mustShow(t, m, "The whole of alpha one", "full text")
	pressRun(m, "t")
	mustShow(t, m, "Summary of alpha one.", "feed's text")
	pressRun(m, "]")
	mustShow(t, m, "Beta first")
	pressRun(m, "[")
	mustShow(t, m, "Summary of alpha one.", "feed's text")
	mustNotShow(t, m, "The whole of alpha one")

	pressRun(m, "t")
	mustShow(t, m, "The whole of alpha one", "full text")
	pressRun(m, "]")
	pressRun(m, "[")
	mustShow(t, m, "The whole of alpha one", "full text")
}
