package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"kiosk/model"
)

// Fetching in the background (r, and on the schedule): progress shows in
// the status lines, and the items that arrive join the list as new files
// do (applyUpdate).

// fetchState is the fetch under way, if any.
type fetchState struct {
	running bool
	// progress carries the fetch's messages to the reader, one at a time.
	progress chan tea.Msg
}

// fetchTickMsg is the schedule's turn to fetch the due feeds.
type fetchTickMsg struct{}

// fetchProgressMsg reports done of total feeds fetched.
type fetchProgressMsg struct{ done, total int }

// fetchDoneMsg ends a fetch.
type fetchDoneMsg struct {
	result FetchResult
	err    error
	all    bool
}

func (m *Model) canFetch() bool { return m.com.feeds != nil && m.com.feeds.Fetch != nil }

// scheduleFetch sets the next scheduled fetch, when the reader has one.
func (m *Model) scheduleFetch() tea.Cmd {
	if !m.canFetch() || m.com.feeds.Every <= 0 {
		return nil
	}
	return m.com.tick(m.com.feeds.Every, func(time.Time) tea.Msg { return fetchTickMsg{} })
}

// fetchNow is r: fetch every feed now.
func (m *Model) fetchNow() tea.Cmd {
	if m.fetch.running {
		m.notify("Already fetching.")
		return nil
	}
	return m.startFetch(true)
}

// startFetch fetches in the background: every feed, or the due ones.
func (m *Model) startFetch(all bool) tea.Cmd {
	if m.fetch.running || !m.canFetch() {
		return nil
	}
	ch := make(chan tea.Msg, 4)
	m.fetch = fetchState{running: true, progress: ch}
	if all {
		m.com.activity = "fetching…"
	}
	fetch := m.com.feeds.Fetch
	go func() {
		res, err := fetch(context.Background(), all, func(done, total int) {
			select {
			case ch <- fetchProgressMsg{done: done, total: total}:
			default: // the reader is behind: a later report will do
			}
		})
		ch <- fetchDoneMsg{result: res, err: err, all: all}
	}()
	return waitFetch(ch)
}

func waitFetch(ch chan tea.Msg) tea.Cmd {
	return func() tea.Msg { return <-ch }
}

func (m *Model) fetchProgress(msg fetchProgressMsg) tea.Cmd {
	m.com.activity = fmt.Sprintf("fetching %d/%d …", msg.done, msg.total)
	return waitFetch(m.fetch.progress)
}

// fetchDone puts what arrived in the list and says what the fetch did; a
// scheduled fetch that found nothing says nothing.
func (m *Model) fetchDone(msg fetchDoneMsg) tea.Cmd {
	m.fetch = fetchState{}
	m.com.activity = ""
	r := msg.result
	var cmds []tea.Cmd
	if r.Lib != nil && m.lib != nil {
		cmds = append(cmds, m.applyUpdate(DiffLibraries(m.lib, r.Lib)))
	} else if r.Lib != nil {
		m.setLibrary(r.Lib, nil)
	}
	if note := fetchNote(msg); note != "" {
		m.notify(note)
	}
	if m.screen == screenFeeds {
		cmds = append(cmds, m.listFeeds())
	}
	return tea.Batch(cmds...)
}

// fetchNote says what a fetch did; "" for a scheduled one that did nothing.
func fetchNote(msg fetchDoneMsg) string {
	r := msg.result
	switch {
	case msg.err != nil:
		return "Fetch failed: " + errorNote(msg.err)
	case !msg.all && r.Added == 0 && r.Failed == 0:
		return ""
	case msg.all && r.Feeds == 0 && r.Lib == nil:
		return "Fetch asked for: new items show as they arrive."
	}
	note := fmt.Sprintf("Fetched %s: %s", plural(r.Feeds, "feed", "feeds"), plural(r.Added, "new item", "new items"))
	if r.Failed > 0 {
		note += fmt.Sprintf(", %d failed", r.Failed)
		if r.Err != nil {
			note += " (" + errorNote(r.Err) + ")"
		}
	}
	return note + "."
}

// notify puts a note in the status line of the screen shown.
func (m *Model) notify(note string) {
	switch m.screen {
	case screenFeeds:
		m.feeds.note = note
	case screenPager:
		m.pager.note = note
	default:
		m.list.note = note
	}
}

// refreshFeedItems lists again the items of the feed the list shows.
func (m *Model) refreshFeedItems(f FeedRow) tea.Cmd {
	items := m.com.feeds.Items
	return func() tea.Msg {
		keys, err := items(context.Background(), f.ID)
		return feedItemsMsg{feed: f, keys: keys, err: err, refresh: true}
	}
}

// DiffLibraries is the update from old to next: the articles added and
// removed, by ID, as a reader shows them.
func DiffLibraries(old, next *model.Library) model.Update {
	u := model.Update{Lib: next}
	before := make(map[string]bool, len(old.Articles))
	for _, a := range old.Articles {
		before[a.ID] = true
	}
	for _, a := range next.Articles {
		if before[a.ID] {
			delete(before, a.ID)
		} else {
			u.Added = append(u.Added, a)
		}
	}
	for _, a := range old.Articles {
		if before[a.ID] {
			u.Removed = append(u.Removed, a)
		}
	}
	return u
}
