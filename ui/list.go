package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

// listModel is the article list: one two-line row per article, a fuzzy,
// accent-insensitive filter, and a status line.
type listModel struct {
	com *common
	lib *model.Library
	// folded[i] is article i's title, byline and dateline, folded for matching.
	folded []string
	// visible are the indices (into lib.Articles) of the rows shown, in order.
	visible []int
	cursor  int // index into visible
	offset  int // first row drawn
	input   textinput.Model
	// filtering is true while the filter prompt has the keyboard.
	filtering bool
	// only narrows the rows to unread or starred articles (readstate.go).
	only listView
	// fresh counts the articles that arrived while the reader ran and are
	// not opened yet.
	fresh int
	// note answers the last key in the status line, until the next one.
	note string
}

// listAction is what a key or click in the list asks the reader to do.
type listAction int

const (
	listNone listAction = iota
	listOpen
	listQuit
	listHelp
	listSkipped
	listSearch
)

func newListModel(com *common, lib *model.Library) listModel {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter by title, byline, place"
	l := listModel{com: com, lib: lib, input: in}
	l.folded = make([]string, len(lib.Articles))
	for i, a := range lib.Articles {
		l.folded[i] = model.Fold(a.Title + " " + a.Byline + " " + a.Dateline)
	}
	l.applyFilter("")
	return l
}

// selected is the article under the cursor, or -1 when no row is shown.
func (l *listModel) selected() int {
	if l.cursor < 0 || l.cursor >= len(l.visible) {
		return -1
	}
	return l.visible[l.cursor]
}

// selectArticle puts the cursor on article i if it is shown.
func (l *listModel) selectArticle(i int) {
	for row, idx := range l.visible {
		if idx == i {
			l.cursor = row
			l.scrollToCursor()
			return
		}
	}
}

// neighbour is the article shown delta rows away from article i, or -1.
func (l *listModel) neighbour(i, delta int) int {
	for row, idx := range l.visible {
		if idx == i {
			if n := row + delta; n >= 0 && n < len(l.visible) {
				return l.visible[n]
			}
			return -1
		}
	}
	return -1
}

// position is article i's 1-based place among the rows shown, and their count.
func (l *listModel) position(i int) (int, int) {
	for row, idx := range l.visible {
		if idx == i {
			return row + 1, len(l.visible)
		}
	}
	return 0, len(l.visible)
}

// applyFilter shows the articles that match q: first those that contain it
// as written (accents and case aside), in library order, then the fuzzy
// matches, best first. Fuzzy alone ranks any title with the letters in
// order, so "oil" would put "OKB ISSUES ... LONDON" above "OIL PRICES".
func (l *listModel) applyFilter(q string) {
	q = model.Fold(strings.TrimSpace(q))
	l.visible = l.visible[:0]
	if q == "" {
		for i := range l.lib.Articles {
			l.visible = append(l.visible, i)
		}
	} else {
		contains := make([]bool, len(l.folded))
		for i, f := range l.folded {
			if strings.Contains(f, q) {
				contains[i] = true
				l.visible = append(l.visible, i)
			}
		}
		for _, r := range list.DefaultFilter(q, l.folded) {
			if !contains[r.Index] {
				l.visible = append(l.visible, r.Index)
			}
		}
	}
	l.keepForView()
	l.cursor, l.offset = 0, 0
}

func (l *listModel) update(msg tea.Msg) (listAction, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		l.note = ""
		if l.filtering {
			return l.updateFilter(msg)
		}
		return l.updateKey(msg), nil
	case tea.MouseClickMsg:
		return l.click(msg.Mouse()), nil
	case tea.MouseWheelMsg:
		switch msg.Mouse().Button {
		case tea.MouseWheelDown:
			l.move(1)
		case tea.MouseWheelUp:
			l.move(-1)
		}
	}
	return listNone, nil
}

func (l *listModel) updateKey(msg tea.KeyPressMsg) listAction {
	k := l.com.listKeys
	switch {
	case key.Matches(msg, k.Quit):
		return listQuit
	case key.Matches(msg, k.Help):
		return listHelp
	case key.Matches(msg, k.Skipped):
		return listSkipped
	case key.Matches(msg, k.Search):
		return listSearch
	case key.Matches(msg, k.ToggleRead):
		l.toggleRead()
	case key.Matches(msg, k.Star):
		l.toggleStar()
	case key.Matches(msg, k.UnreadOnly):
		l.setView(viewUnread)
	case key.Matches(msg, k.StarredOnly):
		l.setView(viewStarred)
	case key.Matches(msg, k.Open):
		if l.selected() >= 0 {
			return listOpen
		}
	case key.Matches(msg, k.Filter):
		l.filtering = true
		l.input.Focus()
	case key.Matches(msg, k.ClearFilter):
		if l.input.Value() != "" {
			keep := l.selected()
			l.input.Reset()
			l.applyFilter("")
			l.selectArticle(keep)
		}
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.PageUp):
		l.move(-l.perPage())
	case key.Matches(msg, k.PageDown):
		l.move(l.perPage())
	case key.Matches(msg, k.Top):
		l.move(-len(l.visible))
	case key.Matches(msg, k.Bottom):
		l.move(len(l.visible))
	}
	return listNone
}

func (l *listModel) updateFilter(msg tea.KeyPressMsg) (listAction, tea.Cmd) {
	switch msg.String() {
	case "enter":
		l.filtering = false
		l.input.Blur()
		return listNone, nil
	case "esc":
		l.filtering = false
		l.input.Blur()
		l.input.Reset()
		l.applyFilter("")
		return listNone, nil
	case "up", "ctrl+p":
		l.move(-1)
		return listNone, nil
	case "down", "ctrl+n":
		l.move(1)
		return listNone, nil
	}
	before := l.input.Value()
	var cmd tea.Cmd
	l.input, cmd = l.input.Update(msg)
	if l.input.Value() != before {
		l.applyFilter(l.input.Value())
	}
	return listNone, cmd
}

func (l *listModel) move(delta int) {
	if len(l.visible) == 0 {
		return
	}
	l.cursor = max(0, min(len(l.visible)-1, l.cursor+delta))
	l.scrollToCursor()
}

func (l *listModel) scrollToCursor() {
	per := l.perPage()
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+per {
		l.offset = l.cursor - per + 1
	}
	l.offset = max(0, min(l.offset, len(l.visible)-per))
}

// click selects the row under the pointer; a click on the selected row opens it.
func (l *listModel) click(m tea.Mouse) listAction {
	if m.Button != tea.MouseLeft {
		return listNone
	}
	top, height := l.itemsArea()
	if m.Y < top || m.Y >= top+height {
		return listNone
	}
	row := l.offset + (m.Y-top)/l.rowHeight()
	if row >= len(l.visible) {
		return listNone
	}
	if row == l.cursor {
		return listOpen
	}
	l.cursor = row
	return listNone
}

// The list's layout, top to bottom: header, filter line (hidden on short
// terminals unless a filter is in use), rows, status line, key help (hidden
// on very short terminals).

func (l *listModel) showFilterLine() bool {
	return l.filtering || l.input.Value() != "" || l.com.height >= 8
}

func (l *listModel) showHelpLine() bool { return l.com.height >= 6 }

func (l *listModel) itemsArea() (top, height int) {
	top = 1
	if l.showFilterLine() {
		top++
	}
	bottom := 1
	if l.showHelpLine() {
		bottom++
	}
	return top, max(1, l.com.height-top-bottom)
}

// rowHeight is three lines (title, facts, gap), or one on tiny terminals.
func (l *listModel) rowHeight() int {
	if _, h := l.itemsArea(); h < 3 {
		return 1
	}
	return 3
}

func (l *listModel) perPage() int {
	_, h := l.itemsArea()
	if l.rowHeight() == 1 {
		return h
	}
	return max(1, (h+1)/3)
}

func (l *listModel) view() string {
	s := l.com.styles
	w := l.com.width
	lines := []string{l.headerLine()}
	if l.showFilterLine() {
		lines = append(lines, l.filterLine())
	}
	_, height := l.itemsArea()
	items := l.itemLines()
	for len(items) < height {
		items = append(items, "")
	}
	lines = append(lines, items[:height]...)
	lines = append(lines, l.statusLine())
	if l.showHelpLine() {
		lines = append(lines, s.dim.Render(ansi.Truncate(shortHelp(l.com.listKeys.ShortHelp()), w, "…")))
	}
	return strings.Join(lines, "\n")
}

func (l *listModel) headerLine() string {
	s := l.com.styles
	name := model.EscapeName(l.lib.Name)
	count := plural(len(l.lib.Articles), "article", "articles")
	line := s.header.Render("kiosk") + s.headerDim.Render(" · "+name+" · "+count)
	return ansi.Truncate(line, l.com.width, "…")
}

func (l *listModel) filterLine() string {
	s := l.com.styles
	switch {
	case l.filtering:
		l.input.SetWidth(max(1, l.com.width-2))
		return l.input.View()
	case l.input.Value() != "":
		return ansi.Truncate(s.prompt.Render("filter: ")+model.Sanitize(l.input.Value())+
			s.dim.Render(fmt.Sprintf(" · %d of %d · esc clears", len(l.visible), len(l.lib.Articles))), l.com.width, "…")
	}
	return ""
}

func (l *listModel) itemLines() []string {
	s := l.com.styles
	w := l.com.width
	if len(l.visible) == 0 {
		return []string{s.dim.Render(ansi.Truncate("  "+l.emptyMessage(), w, "…"))}
	}
	var out []string
	end := min(len(l.visible), l.offset+l.perPage())
	for row := l.offset; row < end; row++ {
		a := l.lib.Articles[l.visible[row]]
		title := ansi.Truncate(articleTitle(a), max(0, w-2-marksWidth), "…")
		meta := ansi.Truncate(listFacts(a), max(0, w-2-marksWidth), "…")
		marks, indent := l.marks(a), strings.Repeat(" ", marksWidth)
		if row == l.cursor {
			bar := s.selectedBar.Render("│ ")
			out = append(out, bar+marks+s.selectedTitle.Render(title))
			if l.rowHeight() > 1 {
				out = append(out, bar+indent+s.selectedMeta.Render(meta))
			}
		} else {
			out = append(out, "  "+marks+s.title.Render(title))
			if l.rowHeight() > 1 {
				out = append(out, "  "+indent+s.meta.Render(meta))
			}
		}
		if l.rowHeight() > 1 {
			out = append(out, "")
		}
	}
	return out
}

func (l *listModel) statusLine() string {
	s := l.com.styles
	var parts []string
	if l.note != "" {
		parts = append(parts, l.note)
	}
	if len(l.visible) > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d", l.cursor+1, len(l.visible)))
	}
	if l.fresh > 0 {
		parts = append(parts, fmt.Sprintf("%d new", l.fresh))
	}
	if v := l.viewStatus(); v != "" {
		parts = append(parts, v)
	}
	if n := len(l.lib.Skipped); n > 0 {
		parts = append(parts, plural(n, "file", "files")+" skipped (! shows why)")
	}
	return s.dim.Render(ansi.Truncate(strings.Join(parts, " · "), l.com.width, "…"))
}

// articleTitle is the title, or the file name when the article has none.
func articleTitle(a *model.Article) string {
	if a.Title != "" {
		return a.Title
	}
	return model.Sanitize(a.ID)
}

// listFacts is the line under a title: byline · dateline · reading time · comments.
func listFacts(a *model.Article) string {
	var parts []string
	if a.Byline != "" {
		parts = append(parts, a.Byline)
	}
	if a.Dateline != "" {
		parts = append(parts, a.Dateline)
	}
	parts = append(parts, fmt.Sprintf("%d min", a.ReadingMinutes()))
	if c := a.Comments; c != nil && c.HasCount {
		parts = append(parts, plural(c.Count, "comment", "comments"))
	}
	return strings.Join(parts, " · ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
