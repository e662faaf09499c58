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

// row is the lines of a's row: its title and its facts, with a blank line
// after them when rows are three lines high.
func (l *listModel) row(a *model.Article, selected bool) []string {
	c := &l.rowCache
	now := l.com.now().Truncate(time.Second)
	height := l.rowHeight()
	if c.rows == nil || c.width != l.com.width || c.height != height || c.dark != l.com.dark || !c.at.Equal(now) {
		*c = rowCache{width: l.com.width, height: height, dark: l.com.dark, at: now, rows: map[rowKey][]string{}}
	}
	e := l.com.state.Get(a.Key)
	key := rowKey{article: a, selected: selected, read: e.Read, starred: e.Starred}
	if lines, ok := c.rows[key]; ok {
		return lines
	}
	lines := l.drawRow(a, e, selected, height)
	c.rows[key] = lines
	return lines
}

func (l *listModel) drawRow(a *model.Article, e store.Entry, selected bool, height int) []string {
	s := l.com.styles
	room := max(0, l.com.width-2-marksWidth)
	title := ansi.Truncate(articleTitle(a), room, "…")
	meta := ansi.Truncate(l.rowFacts(a), room, "…")
	marks, indent := l.marks(e), strings.Repeat(" ", marksWidth)
	var lines []string
	if selected {
		bar := s.selectedBar.Render("│ ")
		lines = append(lines, bar+marks+s.selectedTitle.Render(title))
		if height > 1 {
			lines = append(lines, bar+indent+s.selectedMeta.Render(meta))
		}
	} else {
		lines = append(lines, "  "+marks+s.title.Render(title))
		if height > 1 {
			lines = append(lines, "  "+indent+s.meta.Render(meta))
		}
	}
	if height > 1 {
		lines = append(lines, "")
	}
	return lines
}
