package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kiosk/model"
	"kiosk/render"
	"kiosk/store"
)

// feedNow is the clock of the feed tests: items' ages count from it.
var feedNow = time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)

// feedItem is a feed item with its body, as the store would give it.
func feedItem(feedName, key, title, link string, age time.Duration, paras ...string) *model.Article {
	html := ""
	for _, p := range paras {
		html += "<p>" + p + "</p>"
	}
	row := model.Article{ID: key, Key: key, Source: key, Title: title, Feed: feedName, Link: link, Published: feedNow.Add(-age)}
	return model.ItemArticle(row, html, nil)
}

// fakeFeeds is an in-memory feeds backend: two feeds, a broken third,
// and a fetch that adds an item; its calls are counted.
type fakeFeeds struct {
	mu      sync.Mutex
	state   *store.State
	lib     *model.Library
	feedOf  map[string]int64
	fetches atomic.Int32
	texts   atomic.Int32
	// next is what the next fetch adds to the library.
	next []*model.Article
	// gate, when set, holds a fetch after its first progress report
	// until the test closes it.
	gate chan struct{}
	// full is the full text of each item with one; summary marks the
	// items whose feed gives only a summary.
	full    map[string]*model.Article
	summary map[string]bool
}

func newFakeFeeds() *fakeFeeds {
	para := strings.Repeat("Ein Satz über die Lage. ", 30)
	f := &fakeFeeds{
		state: store.NewMemoryState(),
		feedOf: map[string]int64{
			"item:a1": 1, "item:a2": 1, "item:b1": 2, "item:b2": 2, "item:b3": 2,
		},
		full:    map[string]*model.Article{},
		summary: map[string]bool{},
	}
	f.lib = &model.Library{Name: "your feeds", Articles: []*model.Article{
		feedItem("Alpha News", "item:a1", "Alpha first", "https://alpha.example/1", 3*time.Hour, "Summary of alpha one. Read more"),
		feedItem("Beta Daily", "item:b1", "Beta first", "https://beta.example/1", 5*time.Hour, para, para, para, para, para, para, para, para),
		feedItem("Alpha News", "item:a2", "Alpha second", "https://alpha.example/2", 50*time.Hour, para),
		feedItem("Beta Daily", "item:b2", "Beta second", "https://beta.example/2", 60*time.Hour, para),
		feedItem("Beta Daily", "item:b3", "Beta third", "https://beta.example/3", 70*time.Hour, para),
	}}
	f.summary["item:a1"] = true
	f.full["item:a1"] = feedItem("Alpha News", "item:a1", "Alpha first", "https://alpha.example/1", 3*time.Hour,
		"The whole of alpha one, as its page has it.", para)
	return f
}

func (f *fakeFeeds) options() Options {
	return Options{Theme: render.ThemeDark, State: f.state, Feeds: f.feeds()}
}

func (f *fakeFeeds) feeds() *Feeds {
	return &Feeds{
		List: func(context.Context) ([]FeedRow, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			rows := []FeedRow{{ID: 1, Name: "Alpha News", Folder: "World"}, {ID: 2, Name: "Beta Daily"},
				{ID: 3, Name: "Broken \x1b[31mFeed", LastError: "500 Internal Server Error"}}
			for _, a := range f.lib.Articles {
				for i := range rows {
					if rows[i].ID == f.feedOf[a.Key] {
						rows[i].Items++
						if !f.state.Get(a.Key).Read {
							rows[i].Unread++
						}
					}
				}
			}
			return rows, nil
		},
		Items: func(_ context.Context, id int64) ([]string, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			var keys []string
			for k, fid := range f.feedOf {
				if fid == id {
					keys = append(keys, k)
				}
			}
			return keys, nil
		},
		MarkRead: func(_ context.Context, id int64) (int, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			n := 0
			for k, fid := range f.feedOf {
				if fid == id && !f.state.Get(k).Read {
					f.state.MarkRead(k, true)
					n++
				}
			}
			return n, nil
		},
		Fetch: func(_ context.Context, all bool, progress func(done, total int)) (FetchResult, error) {
			f.fetches.Add(1)
			progress(1, 3)
			if f.gate != nil {
				<-f.gate
			}
			progress(3, 3)
			f.mu.Lock()
			defer f.mu.Unlock()
			if len(f.next) == 0 {
				return FetchResult{Feeds: 3}, nil
			}
			lib := &model.Library{Name: f.lib.Name, Articles: append(append([]*model.Article{}, f.next...), f.lib.Articles...)}
			for _, a := range f.next {
				f.feedOf[a.Key] = 1
			}
			added := len(f.next)
			f.next, f.lib = nil, lib
			return FetchResult{Feeds: 3, Added: added, Failed: 1, Err: errors.New("broken: 500"), Lib: lib}, nil
		},
		TextOf: func(_ context.Context, a *model.Article) (ItemText, error) {
			if f.summary[a.Key] {
				return TextSummary, nil
			}
			return TextWhole, nil
		},
		Text: func(_ context.Context, a *model.Article, full bool) (*model.Article, error) {
			f.mu.Lock()
			defer f.mu.Unlock()
			if !full {
				return f.lib.Articles[indexOfID(f.lib, a.ID)], nil
			}
			if got, ok := f.full[a.Key]; ok {
				return got, nil
			}
			f.texts.Add(1)
			if f.gate != nil {
				f.mu.Unlock()
				<-f.gate
				f.mu.Lock()
			}
			page := feedItem(a.Feed, a.Key, a.Title, a.Link, 0, "Fetched page text of "+a.Title+".")
			f.full[a.Key] = page
			return page, nil
		},
	}
}

// feedReader is a reader on the fake feeds, its clock at feedNow and its
// read timer off, laid out at 100×30.
func feedReader(f *fakeFeeds, opts Options) *Model {
	m := New(f.lib, opts)
	m.com.now = func() time.Time { return feedNow }
	m.com.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	drive(m, tea.WindowSizeMsg{Width: 100, Height: 30})
	return m
}

// run runs the commands a step returned as Bubble Tea would, feeding each
// message back to m, until none is left. The fakes answer at once.
func run(m *Model, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			run(m, c)
		}
	default:
		_, next := m.Update(msg)
		settle(m)
		run(m, next)
	}
}

// pressRun presses k and runs what it starts.
func pressRun(m *Model, k string) {
	_, cmd := m.Update(keyPress(k))
	settle(m)
	run(m, cmd)
	settle(m)
}

func screenText(m *Model) string { return strings.Join(screenLines(m), "\n") }

func mustShow(t *testing.T, m *Model, texts ...string) {
	t.Helper()
	s := screenText(m)
	for _, text := range texts {
		if !strings.Contains(s, text) {
			t.Errorf("the screen lacks %q:\n%s", text, s)
		}
	}
}

func mustNotShow(t *testing.T, m *Model, texts ...string) {
	t.Helper()
	s := screenText(m)
	for _, text := range texts {
		if strings.Contains(s, text) {
			t.Errorf("the screen shows %q:\n%s", text, s)
		}
	}
}

// messagesOf runs cmd and the commands of a batch it makes, once each,
// and returns their messages without giving them to the reader.
func messagesOf(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, messagesOf(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}
