package ui

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// The feeds view (F): the subscribed feeds with unread counts; Enter lists
// one feed's items, A marks a feed read, q or esc goes back.

// hasFeeds reports whether the reader was given feeds to list.
func (m *Model) hasFeeds() bool { return m.com.feeds != nil && m.com.feeds.List != nil }

// openFeeds shows the feeds view and lists the feeds afresh.
func (m *Model) openFeeds() tea.Cmd {
	m.screen = screenFeeds
	m.feeds.note = ""
	return m.listFeeds()
}

func (m *Model) listFeeds() tea.Cmd {
	list := m.com.feeds.List
	return func() tea.Msg {
		feeds, err := list(context.Background())
		return feedsListedMsg{feeds: feeds, err: err}
	}
}

// closeFeeds goes back to the list of every article.
func (m *Model) closeFeeds() {
	m.screen = screenList
	if m.list.feed != nil {
		m.list.setFeed(nil, nil)
	}
}

// openFeed asks for the keys of the selected feed's items; the list of
// them opens when they arrive.
func (m *Model) openFeed() tea.Cmd {
	f, ok := m.feeds.selected()
	if !ok {
		return nil
	}
	items := m.com.feeds.Items
	m.feeds.note = "Opening " + oneLineText(f.Name) + "…"
	return func() tea.Msg {
		keys, err := items(context.Background(), f.ID)
		return feedItemsMsg{feed: f, keys: keys, err: err}
	}
}

func (m *Model) feedItems(msg feedItemsMsg) {
	if msg.refresh {
		if f := m.list.feed; f != nil && f.ID == msg.feed.ID && msg.err == nil {
			m.list.setFeed(f, msg.keys)
		}
		return
	}
	if m.screen != screenFeeds {
		return
	}
	if msg.err != nil {
		m.feeds.note = errorNote(msg.err)
		return
	}
	m.feeds.note = ""
	m.list.setFeed(&msg.feed, msg.keys)
	m.screen = screenList
}

// backToFeeds leaves one feed's items for the feeds view.
func (m *Model) backToFeeds() tea.Cmd {
	m.list.setFeed(nil, nil)
	return m.openFeeds()
}

// markFeedRead marks the selected feed read (A).
func (m *Model) markFeedRead() tea.Cmd {
	f, ok := m.feeds.selected()
	if !ok {
		return nil
	}
	mark := m.com.feeds.MarkRead
	m.feeds.note = "Marking " + oneLineText(f.Name) + " read…"
	return func() tea.Msg {
		n, err := mark(context.Background(), f.ID)
		return feedReadMsg{feed: f, n: n, err: err}
	}
}

func (m *Model) feedRead(msg feedReadMsg) tea.Cmd {
	if msg.err != nil {
		m.feeds.note = errorNote(msg.err)
		return nil
	}
	m.feeds.note = fmt.Sprintf("%s: %s marked read.", oneLineText(msg.feed.Name), plural(msg.n, "item", "items"))
	m.list.applyFilter(m.list.input.Value())
	return m.listFeeds()
}
