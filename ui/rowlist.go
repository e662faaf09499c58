package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// rowList is a cursor over rows drawn rowHeight lines each in an area of
// the screen, with the scrolling that keeps the cursor in sight: the
// article list and the library-search results both move with it, by key,
// wheel and click. A row taller than one line ends in a blank gap, which
// may be cut at the bottom of the area.
type rowList struct {
	rows   int
	cursor int
	offset int // the first row drawn
	// top is the screen line the area starts at, height its lines.
	top, height, rowHeight int
}

// setRows puts the cursor on the first of n rows.
func (r *rowList) setRows(n int) {
	r.rows, r.cursor, r.offset = n, 0, 0
}

// setArea places the rows on the screen and keeps the cursor in sight.
func (r *rowList) setArea(top, height, rowHeight int) {
	r.top, r.height, r.rowHeight = top, max(1, height), max(1, rowHeight)
	r.scrollToCursor()
}

// selected is the row under the cursor, or -1 when there is none.
func (r *rowList) selected() int {
	if r.cursor < 0 || r.cursor >= r.rows {
		return -1
	}
	return r.cursor
}

// perPage is how many rows the area shows.
func (r *rowList) perPage() int {
	if r.rowHeight == 1 {
		return r.height
	}
	return max(1, (r.height+1)/r.rowHeight)
}

// shown is the range of rows drawn.
func (r *rowList) shown() (start, end int) {
	return r.offset, min(r.rows, r.offset+r.perPage())
}

// move puts the cursor delta rows on, stopping at the ends.
func (r *rowList) move(delta int) {
	if r.rows > 0 {
		r.selectRow(r.cursor + delta)
	}
}

// selectRow puts the cursor on row i, or the nearest end.
func (r *rowList) selectRow(i int) {
	r.cursor = max(0, min(r.rows-1, i))
	r.scrollToCursor()
}

func (r *rowList) scrollToCursor() {
	per := r.perPage()
	if r.cursor < r.offset {
		r.offset = r.cursor
	}
	if r.cursor >= r.offset+per {
		r.offset = r.cursor - per + 1
	}
	r.offset = max(0, min(r.offset, r.rows-per))
}

// The moves the navigation keys make (nav.go).

func (r *rowList) lineUp()   { r.move(-1) }
func (r *rowList) lineDown() { r.move(1) }
func (r *rowList) pageUp()   { r.move(-r.perPage()) }
func (r *rowList) pageDown() { r.move(r.perPage()) }
func (r *rowList) goTop()    { r.move(-r.rows) }
func (r *rowList) goBottom() { r.move(r.rows) }

// wheel moves the cursor a row a notch.
func (r *rowList) wheel(m tea.MouseWheelMsg) {
	switch m.Mouse().Button {
	case tea.MouseWheelDown:
		r.move(1)
	case tea.MouseWheelUp:
		r.move(-1)
	}
}

// click selects the row under a left click; it reports true when the row
// was selected already, which opens it.
func (r *rowList) click(m tea.Mouse) (open bool) {
	if m.Button != tea.MouseLeft || m.Y < r.top || m.Y >= r.top+r.height {
		return false
	}
	row := r.offset + (m.Y-r.top)/r.rowHeight
	if row >= r.rows {
		return false
	}
	if row == r.cursor {
		return true
	}
	r.cursor = row
	return false
}

// rowsStatus begins the status line of a view of n rows: its note, the
// cursor's place among the rows and the fetch under way, each when there
// is one.
func rowsStatus(note string, cursor, n int, activity string) []string {
	var parts []string
	if note != "" {
		parts = append(parts, note)
	}
	if n > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d", cursor+1, n))
	}
	if activity != "" {
		parts = append(parts, activity)
	}
	return parts
}
