package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
	"kiosk/store"
)

// rowCache keeps the list's rows as drawn within one second, at one width,
// height and background. The reader draws the list again for every start-up
// message and every key, and styling each row and cutting its title to the
// width, grapheme by grapheme, was most of that work. The ages of feed
// items are counted to the minute, so a row a second old is never wrong for
// long; a new second or layout starts afresh.
type rowCache struct {
	width, height int
	dark          bool
	at            time.Time
	rows          map[rowKey][]string
}

// rowKey is what a row's lines depend on besides the layout.
type rowKey struct {
	article       *model.Article
	selected      bool
	read, starred bool
}

// freshRows starts the cache afresh when the second, the width, the row
// height or the background has changed since its rows were drawn.
func (l *listModel) freshRows() {
	c := &l.rowCache
	now := l.com.now().Truncate(time.Second)
	height := l.rowHeight()
	if c.rows == nil || c.width != l.com.width || c.height != height || c.dark != l.com.dark || !c.at.Equal(now) {
		*c = rowCache{width: l.com.width, height: height, dark: l.com.dark, at: now, rows: map[rowKey][]string{}}
	}
}

// row is the lines of a's row: its title and its facts, with a blank line
// after them when rows are three lines high. Call freshRows first.
func (l *listModel) row(a *model.Article, selected bool) []string {
	e := l.com.state.Get(a.Key)
	key := rowKey{article: a, selected: selected, read: e.Read, starred: e.Starred}
	if lines, ok := l.rowCache.rows[key]; ok {
		return lines
	}
	lines := l.drawRow(a, e, selected)
	l.rowCache.rows[key] = lines
	return lines
}

func (l *listModel) drawRow(a *model.Article, e store.Entry, selected bool) []string {
	s := l.com.styles
	room := max(0, l.com.width-2-marksWidth)
	prefix, titleStyle, metaStyle := "  ", s.title, s.meta
	if selected {
		prefix, titleStyle, metaStyle = s.selectedBar.Render("│ "), s.selectedTitle, s.selectedMeta
	}
	lines := []string{prefix + l.marks(e) + titleStyle.Render(ansi.Truncate(articleTitle(a), room, "…"))}
	if l.rowCache.height > 1 {
		meta := ansi.Truncate(l.rowFacts(a), room, "…")
		lines = append(lines, prefix+strings.Repeat(" ", marksWidth)+metaStyle.Render(meta), "")
	}
	return lines
}
