package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"kiosk/model"
	"kiosk/store"
)

// An opened article becomes read once the reader scrolls it or keeps it open
// for defaultReadAfter (common.readAfter): a glance at the first screen
// (opened by mistake, or passed through with ] on the way to another) does
// not count as reading.
const defaultReadAfter = 3 * time.Second

// readTimeMsg arrives readAfter after an article was opened; opening is the
// opening it was started for, so a stale one (the reader moved on) is dropped.
type readTimeMsg struct{ opening int }

// beginReading starts a new opening of article a: its saved place is
// restored when the rendering arrives, and it becomes read after a scroll or
// when the returned timer fires.
func (p *pagerModel) beginReading(a *model.Article) tea.Cmd {
	p.opening++
	p.resume = p.com.state.Get(a.Key).Position
	p.readPending = true
	opening := p.opening
	return p.com.tick(p.com.readAfter, func(time.Time) tea.Msg { return readTimeMsg{opening: opening} })
}

// readTimeUp marks the article read if it is still open since the timer began.
func (p *pagerModel) readTimeUp(msg readTimeMsg) {
	if msg.opening == p.opening && p.readPending {
		p.markRead()
	}
}

func (p *pagerModel) markRead() {
	p.readPending = false
	p.com.state.MarkRead(p.article.Key, true)
}

// scrolled notes a scroll by the reader: it reads the article, and the new
// place is remembered at once, so that a session that ends without a
// goodbye (a dropped connection, a killed terminal) still keeps it.
func (p *pagerModel) scrolled() {
	if p.readPending {
		p.markRead()
	}
	p.savePlace()
}

// leave saves the place in the open article and stops its read timer; the
// reader is going back, to another article, or quitting.
func (p *pagerModel) leave() {
	if p.article == nil {
		return
	}
	p.savePlace()
	p.readPending = false
	p.opening++
}

func (p *pagerModel) savePlace() {
	if p.article != nil && p.doc != nil {
		p.com.state.SetPosition(p.article.Key, p.doc.Position(p.vp.YOffset()))
	}
}

// toggleRead marks the open article unread or read; either way it is the
// reader's choice, and the automatic mark no longer applies to this opening.
func (p *pagerModel) toggleRead() {
	p.readPending = false
	read := !p.com.state.Get(p.article.Key).Read
	p.com.state.MarkRead(p.article.Key, read)
	p.note = readNote(read)
}

func (p *pagerModel) toggleStar() {
	starred := !p.com.state.Get(p.article.Key).Starred
	p.com.state.SetStarred(p.article.Key, starred)
	p.note = starNote(starred)
}

func readNote(read bool) string {
	if read {
		return "Marked read."
	}
	return "Marked unread."
}

func starNote(starred bool) string {
	if starred {
		return "Starred."
	}
	return "Star removed."
}

// listView narrows the list to unread or starred articles.
type listView int

const (
	viewAll listView = iota
	viewUnread
	viewStarred
)

// shows reports whether the view keeps an article with this state.
func (v listView) shows(e store.Entry) bool {
	switch v {
	case viewUnread:
		return !e.Read
	case viewStarred:
		return e.Starred
	}
	return true
}

// setView switches to view v, or back to all articles when v is on already,
// keeping the selected article selected when it is still shown. The rows are
// chosen now: an article read meanwhile stays listed until the view changes.
func (l *listModel) setView(v listView) {
	if l.only == v {
		v = viewAll
	}
	keep := l.selected()
	l.only = v
	l.applyFilter(l.input.Value())
	l.selectArticle(keep)
}

// keepForView drops from l.visible the articles the view hides.
func (l *listModel) keepForView() {
	if l.only == viewAll {
		return
	}
	kept := l.visible[:0]
	for _, i := range l.visible {
		if l.only.shows(l.com.state.Get(l.lib.Articles[i].Key)) {
			kept = append(kept, i)
		}
	}
	l.visible = kept
}

func (l *listModel) toggleRead() {
	if i := l.selected(); i >= 0 {
		key := l.lib.Articles[i].Key
		l.com.state.MarkRead(key, !l.com.state.Get(key).Read)
	}
}

func (l *listModel) toggleStar() {
	if i := l.selected(); i >= 0 {
		key := l.lib.Articles[i].Key
		l.com.state.SetStarred(key, !l.com.state.Get(key).Starred)
	}
}

// nextUnread is the first unread article shown after article i, wrapping
// around the list, or -1 when every other shown article is read.
func (l *listModel) nextUnread(i int) int {
	start := 0
	for row, idx := range l.visible {
		if idx == i {
			start = row + 1
			break
		}
	}
	for n := range len(l.visible) {
		idx := l.visible[(start+n)%len(l.visible)]
		if idx != i && !l.com.state.Get(l.lib.Articles[idx].Key).Read {
			return idx
		}
	}
	return -1
}

// marks is the three-cell column before a title: a dot for unread, a star
// for starred. Both are characters, not colours, so they show with NO_COLOR.
func (l *listModel) marks(e store.Entry) string {
	s := l.com.styles
	unread, star := " ", " "
	if !e.Read {
		unread = s.unreadMark.Render("●")
	}
	if e.Starred {
		star = s.starMark.Render("★")
	}
	return unread + star + " "
}

// marksWidth is the width of marks.
const marksWidth = 3

// viewStatus names the view in the status line, with the key that ends it.
func (l *listModel) viewStatus() string {
	switch l.only {
	case viewUnread:
		return "unread only (" + l.com.keys.List.UnreadOnly.Help().Key + " shows all)"
	case viewStarred:
		return "starred only (" + l.com.keys.List.StarredOnly.Help().Key + " shows all)"
	}
	return ""
}

// emptyMessage explains a list with no row to show.
func (l *listModel) emptyMessage() string {
	switch {
	case l.input.Value() != "":
		return "No article matches this filter. Esc clears it."
	case l.only == viewUnread:
		return "No unread articles. " + l.com.keys.List.UnreadOnly.Help().Key + " shows all."
	case l.only == viewStarred:
		return "No starred articles: " + l.com.keys.List.Star.Help().Key + " stars one. " +
			l.com.keys.List.StarredOnly.Help().Key + " shows all."
	}
	return "No articles."
}

// noticeScroll calls scrolled when the view moved from line before.
func (p *pagerModel) noticeScroll(before int) {
	if p.doc != nil && p.vp.YOffset() != before {
		// The reader's own scroll wins over a place that waits for more
		// of a large article to render.
		p.resumeLater, p.keepBlock = false, -1
		p.scrolled()
	}
}

// starred reports whether the open article is starred, for the status bar.
func (p *pagerModel) starred() bool {
	return p.article != nil && p.com.state.Get(p.article.Key).Starred
}
