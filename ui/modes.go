package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// mode is what has the keyboard: it chooses the key map that is enabled.
type mode int

const (
	modeLoading mode = iota
	modeEmpty        // a library without articles
	modeList
	modeFilter // the list's filter prompt
	modePane
	modePrompt // the pane's search prompt
	modeSearch // the library search
	modeText   // help or skipped files
	modeFeeds  // the feeds view
)

func (m *Model) mode() mode {
	switch m.screen {
	case screenLoading:
		return modeLoading
	case screenPager:
		if m.pager.prompting {
			return modePrompt
		}
		return modePane
	case screenSearch:
		return modeSearch
	case screenHelp, screenSkipped:
		return modeText
	case screenFeeds:
		return modeFeeds
	}
	switch {
	case m.empty():
		return modeEmpty
	case m.list.filtering:
		return modeFilter
	}
	return modeList
}

// syncKeys enables the key map of the reader's mode and disables every
// other; within the mode, a key that could do nothing now is off too (the
// help and key lines leave it out).
func (m *Model) syncKeys() {
	k, md := &m.com.keys, m.mode()
	enable(&k.Loading, md == modeLoading)
	enable(&k.Empty, md == modeEmpty)
	enable(&k.List, md == modeList)
	enable(&k.Filter, md == modeFilter)
	enable(&k.Pane, md == modePane)
	enable(&k.Prompt, md == modePrompt)
	enable(&k.Search, md == modeSearch)
	enable(&k.Text, md == modeText)
	enable(&k.Feeds, md == modeFeeds)
	k.Empty.Skipped.SetEnabled(md == modeEmpty && len(m.list.lib.Skipped) > 0)
	k.Empty.Fetch.SetEnabled(md == modeEmpty && m.canFetch())

	k.List.ClearFilter.SetEnabled(md == modeList && m.list.input.Value() != "")
	rows := md == modeList && m.list.selected() >= 0
	enable(&k.List.Nav, rows)
	for _, b := range []*key.Binding{&k.List.Open, &k.List.ToggleRead, &k.List.Star} {
		b.SetEnabled(rows)
	}
	m.syncFeedKeys(md, rows)
	results := md == modeSearch && m.libSearch.selectedID() != ""
	enable(&k.Search.Nav, results)
	k.Search.Open.SetEnabled(results)
	rendered := md == modePane && m.pager.doc != nil
	enable(&k.Pane.Nav, rendered)
	for _, b := range []*key.Binding{&k.Pane.HalfDown, &k.Pane.HalfUp, &k.Pane.Search} {
		b.SetEnabled(rendered)
	}
	k.Pane.Left.SetEnabled(rendered && m.pager.xOffset > 0)
	k.Pane.Right.SetEnabled(rendered && m.pager.wide() && m.pager.xOffset+m.pager.vp.Width() < m.pager.widest)
	k.Pane.ClearSearch.SetEnabled(rendered && m.pager.search.active())
	k.Pane.NextMatch.SetEnabled(rendered && m.pager.search.active())
	k.Pane.PrevMatch.SetEnabled(rendered && m.pager.search.active())
	k.Pane.FullText.SetEnabled(rendered && m.pager.canToggleText())
	k.Pane.Link.SetEnabled(md == modePane && linkOf(m.pager.article) != "")
}

// syncFeedKeys enables the keys of feeds: in the list, those the reader
// was given functions for; in the feeds view, those with a feed to act on.
func (m *Model) syncFeedKeys(md mode, rows bool) {
	k, f := &m.com.keys, m.com.feeds
	inFeed := md == modeList && m.list.feed != nil
	k.List.Feeds.SetEnabled(md == modeList && m.hasFeeds())
	k.List.BackToFeeds.SetEnabled(inFeed)
	k.List.Quit.SetEnabled(md == modeList && !inFeed)
	k.List.Fetch.SetEnabled(md == modeList && m.canFetch())
	k.List.Link.SetEnabled(rows && linkOf(m.selectedArticle()) != "")
	_, feed := m.feeds.selected()
	enable(&k.Feeds.Nav, md == modeFeeds && feed)
	k.Feeds.Open.SetEnabled(md == modeFeeds && feed && f.Items != nil)
	k.Feeds.MarkRead.SetEnabled(md == modeFeeds && feed && f.MarkRead != nil)
	k.Feeds.Fetch.SetEnabled(md == modeFeeds && m.canFetch())
}

// key runs what a key does in the reader's mode; at a prompt, a key no
// binding takes types into it.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	md := m.mode()
	if md == modePane || md == modePrompt {
		p := &m.pager
		p.note = ""
		// A scroll reads the article (readstate.go); one that opens
		// another article or leaves ends this opening first.
		opening, top := p.opening, p.vp.YOffset()
		defer func() {
			if p.opening == opening {
				p.noticeScroll(top)
			}
		}()
	}
	if md == modeList {
		m.list.note = ""
	}
	if md == modeFeeds {
		m.feeds.note = ""
	}
	if cmd, ok := dispatch(msg, m.actions(md)); ok {
		return cmd
	}
	switch md {
	case modeLoading:
		m.typedAhead = append(m.typedAhead, msg)
	case modeFilter:
		return m.list.typeFilter(msg)
	case modePrompt:
		return m.pager.typeQuery(msg)
	case modeSearch:
		return m.libSearch.typeQuery(msg)
	}
	return nil
}

// actions are what the keys of a mode do, ctrl+c's quit first.
func (m *Model) actions(md mode) []keyAction {
	k := &m.com.keys
	out := []keyAction{{&k.Global.Quit, m.quit}}
	switch md {
	case modeLoading:
		out = append(out, keyAction{&k.Loading.Quit, m.quit})
	case modeEmpty:
		out = append(out, keyAction{&k.Empty.Quit, m.quit}, keyAction{&k.Empty.Skipped, just(m.showSkipped)},
			keyAction{&k.Empty.Fetch, m.fetchNow})
	case modeFeeds:
		f := &k.Feeds
		out = append(out, f.Nav.actions(&m.feeds.rows)...)
		out = append(out,
			keyAction{&f.Open, m.openFeed},
			keyAction{&f.MarkRead, m.markFeedRead},
			keyAction{&f.Fetch, m.fetchNow},
			keyAction{&f.Back, just(m.closeFeeds)},
			keyAction{&f.Help, just(m.showHelp)})
	case modeList:
		out = append(out, m.listActions()...)
	case modeFilter:
		l, f := &m.list, &k.Filter
		out = append(out,
			keyAction{&f.Keep, just(l.keepFilter)},
			keyAction{&f.Drop, just(l.dropFilter)},
			keyAction{&f.Up, just(l.rows.lineUp)},
			keyAction{&f.Down, just(l.rows.lineDown)})
	case modePane:
		out = append(out, m.paneActions()...)
	case modePrompt:
		out = append(out,
			keyAction{&k.Prompt.Run, just(m.pager.runPrompt)},
			keyAction{&k.Prompt.Cancel, just(m.pager.cancelPrompt)})
	case modeSearch:
		out = append(out, k.Search.Nav.actions(&m.libSearch.rows)...)
		out = append(out,
			keyAction{&k.Search.Open, m.openResult},
			keyAction{&k.Search.Close, just(m.closeSearch)})
	case modeText:
		out = append(out, k.Text.Nav.actions(viewLines{&m.text.vp})...)
		out = append(out, keyAction{&k.Text.Close, just(m.closeText)})
	}
	return out
}

func (m *Model) listActions() []keyAction {
	l, k := &m.list, &m.com.keys.List
	return append(k.Nav.actions(&l.rows),
		keyAction{&k.Open, m.openSelected},
		keyAction{&k.Filter, just(l.startFilter)},
		keyAction{&k.ClearFilter, just(l.clearFilter)},
		keyAction{&k.Skipped, just(m.showSkipped)},
		keyAction{&k.Search, m.startSearch},
		keyAction{&k.Help, just(m.showHelp)},
		keyAction{&k.Quit, m.quit},
		keyAction{&k.ToggleRead, just(l.toggleRead)},
		keyAction{&k.Star, just(l.toggleStar)},
		keyAction{&k.UnreadOnly, just(func() { l.setView(viewUnread) })},
		keyAction{&k.StarredOnly, just(func() { l.setView(viewStarred) })},
		keyAction{&k.Feeds, m.openFeeds},
		keyAction{&k.BackToFeeds, m.backToFeeds},
		keyAction{&k.Fetch, m.fetchNow},
		keyAction{&k.Link, func() tea.Cmd { return m.openLink(m.selectedArticle()) }},
	)
}

func (m *Model) paneActions() []keyAction {
	p, k := &m.pager, &m.com.keys.Pane
	return append(k.Nav.actions(viewLines{&p.vp}),
		keyAction{&k.HalfDown, just(p.vp.HalfPageDown)},
		keyAction{&k.HalfUp, just(p.vp.HalfPageUp)},
		keyAction{&k.Left, just(p.scrollLeft)},
		keyAction{&k.Right, just(p.scrollRight)},
		keyAction{&k.Comments, m.toggleComments},
		keyAction{&k.Next, func() tea.Cmd { return m.step(1) }},
		keyAction{&k.Prev, func() tea.Cmd { return m.step(-1) }},
		keyAction{&k.Search, just(p.startPrompt)},
		keyAction{&k.NextMatch, just(p.nextMatch)},
		keyAction{&k.PrevMatch, just(p.prevMatch)},
		keyAction{&k.ClearSearch, just(p.clearSearch)},
		keyAction{&k.Back, just(m.back)},
		keyAction{&k.Help, just(m.showHelp)},
		keyAction{&k.ToggleRead, just(p.toggleRead)},
		keyAction{&k.Star, just(p.toggleStar)},
		keyAction{&k.NextUnread, m.nextUnread},
		keyAction{&k.FullText, p.toggleText},
		keyAction{&k.Link, func() tea.Cmd { return m.openLink(p.article) }},
	)
}
