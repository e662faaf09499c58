package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

// Feeds connects a reader to subscribed feeds. Each function does the
// reader's I/O (the store, the network) and is run in a command, never in
// Update; a nil field turns its keys off. cli gives the local reader every
// one; the SSH server gives what a reader may do on the operator's feeds.
type Feeds struct {
	// List lists the feeds, with the reader's unread counts (F).
	List func(ctx context.Context) ([]FeedRow, error)
	// Items gives the keys of one feed's items, for the list of its items.
	Items func(ctx context.Context, feedID int64) ([]string, error)
	// MarkRead marks every item of a feed read for the reader (A); it
	// returns how many were unread.
	MarkRead func(ctx context.Context, feedID int64) (int, error)
	// Fetch fetches the feeds (all of them, or only the due ones when all
	// is false), calling progress as each is done, and returns what it did
	// with the library that holds the items that arrived (r, and the
	// schedule).
	Fetch func(ctx context.Context, all bool, progress func(done, total int)) (FetchResult, error)
	// Every is how often the reader fetches the due feeds by itself while
	// it runs; 0: never.
	Every time.Duration
	// TextOf says what text an article has beyond the feed's: whether its
	// page is to be fetched now, or could be with t.
	TextOf func(ctx context.Context, a *model.Article) (ItemText, error)
	// Text loads an article with its full text (its page's readable text,
	// fetched and stored the first time) or with the feed's own text.
	Text func(ctx context.Context, a *model.Article, full bool) (*model.Article, error)
	// Waiting is what the screen of a library with no items yet says
	// about how they come, when someone else fetches them (a server); ""
	// says r fetches them.
	Waiting string
}

// ItemText is what text a feed item has beyond its feed's.
type ItemText int

const (
	// TextOwn: the feed's text is all there is (not a stored item, or
	// no page to fetch).
	TextOwn ItemText = iota
	// TextFull: the page's full text is stored, and shown.
	TextFull
	// TextSummary: the feed gives a summary; the page is fetched now.
	TextSummary
	// TextWhole: the feed's text is whole; t fetches the page all the same.
	TextWhole
)

// FeedRow is a feed as the feeds view lists it.
type FeedRow struct {
	ID        int64
	Name      string
	Folder    string
	Items     int
	Unread    int
	LastError string
	Disabled  bool
}

// FetchResult is what a fetch did.
type FetchResult struct {
	Feeds  int // fetched
	Failed int
	Added  int // new items
	// Lib is the library with the items that arrived; nil when nothing
	// changed, or when the library arrives as a LibraryUpdateMsg.
	Lib *model.Library
	// Err is why the first failed feed failed.
	Err error
}

// feedsListedMsg delivers the feeds to the feeds view.
type feedsListedMsg struct {
	feeds []FeedRow
	err   error
}

// feedItemsMsg delivers the keys of one feed's items.
type feedItemsMsg struct {
	feed FeedRow
	keys []string
	err  error
	// refresh is set when the list of the feed's items is listed again
	// after a fetch.
	refresh bool
}

// feedReadMsg says that a feed was marked read.
type feedReadMsg struct {
	feed FeedRow
	n    int
	err  error
}

// feedsView lists the subscribed feeds with their unread counts.
type feedsView struct {
	com    *common
	feeds  []FeedRow
	rows   rowList
	loaded bool
	err    error
	note   string
}

func (f *feedsView) fit() {
	f.rows.setArea(1, max(1, f.com.height-3), 1)
}

func (f *feedsView) selected() (FeedRow, bool) {
	if i := f.rows.selected(); i >= 0 && i < len(f.feeds) {
		return f.feeds[i], true
	}
	return FeedRow{}, false
}

// listed shows the feeds, keeping the cursor on the same feed.
func (f *feedsView) listed(msg feedsListedMsg) {
	keep, had := f.selected()
	f.loaded, f.err = true, msg.err
	if msg.err != nil {
		return
	}
	f.feeds = msg.feeds
	f.rows.setRows(len(f.feeds))
	if had {
		for i, r := range f.feeds {
			if r.ID == keep.ID {
				f.rows.selectRow(i)
			}
		}
	}
}

func (f *feedsView) view() string {
	s, w := f.com.styles, f.com.width
	unread := 0
	for _, r := range f.feeds {
		unread += r.Unread
	}
	lines := []string{ansi.Truncate(s.header.Render("kiosk")+s.headerDim.Render(fmt.Sprintf(" · feeds · %s · %d unread",
		plural(len(f.feeds), "feed", "feeds"), unread)), w, "…")}
	height := max(1, f.com.height-3)
	var body []string
	switch {
	case !f.loaded:
		body = []string{s.dim.Render("  Listing the feeds…")}
	case f.err != nil:
		body = []string{s.errorText.Render("  " + model.Sanitize(f.err.Error()))}
	case len(f.feeds) == 0:
		body = []string{s.dim.Render("  No feeds yet. Subscribe with 'kiosk feeds add URL' or 'kiosk feeds import FILE'.")}
	}
	if body == nil {
		start, end := f.rows.shown()
		for i := start; i < end; i++ {
			body = append(body, f.rowLine(i))
		}
	}
	for len(body) < height {
		body = append(body, "")
	}
	lines = append(lines, body[:height]...)
	lines = append(lines, s.dim.Render(ansi.Truncate(f.statusLine(), w, "…")))
	lines = append(lines, s.dim.Render(ansi.Truncate(shortHelp(f.com.keys.Feeds.ShortHelp()), w, "…")))
	return strings.Join(lines, "\n")
}

// rowLine is one feed: unread count, folder and name, last error.
func (f *feedsView) rowLine(i int) string {
	s, r := f.com.styles, f.feeds[i]
	name := oneLineText(r.Name)
	if r.Folder != "" {
		name = oneLineText(r.Folder) + " / " + name
	}
	count := fmt.Sprintf("%5d", r.Unread)
	if r.Unread == 0 {
		count = "     "
	}
	var tail []string
	switch {
	case r.Disabled:
		tail = append(tail, "gone (410): no longer fetched")
	case r.LastError != "":
		tail = append(tail, "error: "+oneLineText(r.LastError))
	}
	line := count + "  " + name
	if len(tail) > 0 {
		line += "  " + s.errorText.Render(strings.Join(tail, " "))
	}
	line = ansi.Truncate(line, max(0, f.com.width-2), "…")
	if i == f.rows.cursor {
		return s.selectedBar.Render("│ ") + s.selectedTitle.Render(line)
	}
	return "  " + s.title.Render(line)
}

func (f *feedsView) statusLine() string {
	return strings.Join(rowsStatus(f.note, f.rows.cursor, len(f.feeds), f.com.activity), " · ")
}

// oneLineText makes untrusted text one line of plain characters.
func oneLineText(s string) string {
	return strings.Join(strings.Fields(model.Sanitize(s)), " ")
}

// errorNote is an error as one line of a status line.
func errorNote(err error) string { return oneLineText(err.Error()) }
