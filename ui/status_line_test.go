package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kiosk/model"
)

// statusLine is the last line of the screen.
func statusLine(m *Model) string {
	lines := screenLines(m)
	return lines[len(lines)-1]
}

// Text that comes from outside (an error's text, a feed's link) is shown in
// the status line on one line: a line break in it would push the status
// line off the screen.
func TestStatusLineShowsOutsideTextOnOneLine(t *testing.T) {
	t.Run("an item whose body fails to load", func(t *testing.T) {
		row := model.Article{ID: "item:b1", Key: "item:b1", Source: "item:b1", Title: "Beta first", Link: "https://beta.example/1"}
		item := model.Lazy(row, func(context.Context, *model.Article) (*model.Article, error) {
			return nil, errors.New("database is locked\n\tby another kiosk")
		})
		m := lazyReader(&model.Library{Name: "your feeds", Articles: []*model.Article{item}}, nil)
		pressRun(m, "enter")
		if got := statusLine(m); !strings.Contains(got, "database is locked by another kiosk") {
			t.Errorf("status line = %q, want the load error on one line", got)
		}
	})
	t.Run("a large article whose rendering fails", func(t *testing.T) {
		m, _ := largeReader(t)
		ch := m.pager.chunking
		drive(m, chunkMsg{gen: ch.gen, err: errors.New("render article big: the renderer failed\n(out of memory)")})
		if got := statusLine(m); !strings.Contains(got, "the renderer failed (out of memory)") {
			t.Errorf("status line = %q, want the render error on one line", got)
		}
	})
	t.Run("a link shown over SSH", func(t *testing.T) {
		f := newFakeFeeds()
		f.lib.Articles[0].Link = "https://alpha.example/1\n\tLink: https://evil.example/"
		m := feedReader(f, f.options())
		pressRun(m, "o")
		mustShow(t, m, "Link: https://alpha.example/1 Link: https://evil.example/")
	})
}
