package ui

import (
	"fmt"
	"slices"
	"strings"

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
	// folded[i] is article i's title, byline and dateline, folded for
	// matching; made when a filter is first typed (see foldedRows), so that
	// a library of 100,000 items arrives without folding them.
	folded []string
	// visible are the indices (into lib.Articles) of the rows shown, in order;
	// rows is the cursor over them.
	visible []int
	rows    rowList
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
	// feed narrows the list to one feed's items, whose keys feedKeys
	// holds (listfeed.go); nil for every article.
	feed     *FeedRow
	feedKeys map[string]bool
	rowCache rowCache
}

func newListModel(com *common, lib *model.Library) listModel {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "filter by title, byline, place"
	l := listModel{com: com, lib: lib, input: in}
	l.applyFilter("")
	l.fit()
	return l
}

// selected is the article under the cursor, or -1 when no row is shown.
func (l *listModel) selected() int {
	if row := l.rows.selected(); row >= 0 {
		return l.visible[row]
	}
	return -1
}

// selectArticle puts the cursor on article i if it is shown.
func (l *listModel) selectArticle(i int) {
	if row := slices.Index(l.visible, i); row >= 0 {
		l.rows.selectRow(row)
	}
}

// neighbour is the article shown delta rows away from article i, or -1.
func (l *listModel) neighbour(i, delta int) int {
	if row := slices.Index(l.visible, i); row >= 0 {
		if n := row + delta; n >= 0 && n < len(l.visible) {
			return l.visible[n]
		}
	}
	return -1
}

// position is article i's 1-based place among the rows shown, and their count.
func (l *listModel) position(i int) (int, int) {
	return slices.Index(l.visible, i) + 1, len(l.visible)
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
		folded := l.foldedRows()
		contains := make([]bool, len(folded))
		for i, f := range folded {
			if strings.Contains(f, q) {
				contains[i] = true
				l.visible = append(l.visible, i)
			}
		}
		for _, r := range list.DefaultFilter(q, folded) {
			if !contains[r.Index] {
				l.visible = append(l.visible, r.Index)
			}
		}
	}
	l.keepForView()
	l.keepForFeed()
	l.rows.setRows(len(l.visible))
}

// foldedRows returns what the filter matches of each article, folding the
// articles on first use.
func (l *listModel) foldedRows() []string {
	if l.folded == nil {
		l.folded = make([]string, len(l.lib.Articles))
		for i, a := range l.lib.Articles {
			l.folded[i] = model.Fold(a.Title + " " + a.Byline + " " + a.Dateline)
		}
	}
	return l.folded
}

// fit lays the list out for the terminal's size and the filter line.
func (l *listModel) fit() {
	top, height := l.itemsArea()
	l.rows.setArea(top, height, l.rowHeight())
	l.input.SetWidth(max(1, l.com.width-2))
}

func (l *listModel) startFilter() {
	l.filtering = true
	l.input.Focus()
}

// keepFilter closes the filter prompt, keeping the rows it chose.
func (l *listModel) keepFilter() {
	l.filtering = false
	l.input.Blur()
}

// dropFilter closes the filter prompt and shows every row again.
func (l *listModel) dropFilter() {
	l.keepFilter()
	l.input.Reset()
	l.applyFilter("")
}

// clearFilter drops the filter, keeping the selected article selected.
func (l *listModel) clearFilter() {
	keep := l.selected()
	l.dropFilter()
	l.selectArticle(keep)
}

// typeFilter passes a key to the filter prompt and filters as it changes.
func (l *listModel) typeFilter(msg tea.KeyPressMsg) tea.Cmd {
	before := l.input.Value()
	var cmd tea.Cmd
	l.input, cmd = l.input.Update(msg)
	if l.input.Value() != before {
		l.applyFilter(l.input.Value())
	}
	return cmd
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
		lines = append(lines, s.dim.Render(ansi.Truncate(l.keyHint(), w, "…")))
	}
	return strings.Join(lines, "\n")
}

// keyHint is the key line under the list, or under the filter prompt.
func (l *listModel) keyHint() string {
	if l.filtering {
		return shortHelp(l.com.keys.Filter.ShortHelp())
	}
	return shortHelp(l.com.keys.List.ShortHelp())
}

func (l *listModel) headerLine() string {
	s := l.com.styles
	name := l.libraryName()
	count := plural(len(l.lib.Articles), "article", "articles")
	if l.feed != nil {
		count = plural(len(l.feedKeys), "item", "items")
	}
	line := s.header.Render("kiosk") + s.headerDim.Render(" · "+name+" · "+count)
	return ansi.Truncate(line, l.com.width, "…")
}

func (l *listModel) filterLine() string {
	s := l.com.styles
	switch {
	case l.filtering:
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
	start, end := l.rows.shown()
	l.freshRows()
	for row := start; row < end; row++ {
		out = append(out, l.row(l.lib.Articles[l.visible[row]], row == l.rows.cursor)...)
	}
	return out
}

func (l *listModel) statusLine() string {
	s := l.com.styles
	parts := rowsStatus(l.note, l.rows.cursor, len(l.visible), l.com.activity)
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

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
