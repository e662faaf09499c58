package model

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/width"
)

// A data table becomes a Preformatted block with its cells aligned in
// columns; a table used for layout (nested tables, long passages in its
// cells, a single column) is read as the paragraphs it holds.

const (
	// maxCellRunes is the longest cell a data table has; longer text is a
	// page laid out in a table.
	maxCellRunes = 300
	// columnGap separates columns.
	columnGap = "  "
	// maxTableWidth is the widest table laid out in columns; a wider one
	// would not fit a terminal, and each of its rows becomes a paragraph.
	maxTableWidth = 160
	// cellSeparator joins the cells of a row read as a paragraph.
	cellSeparator = " · "
)

func (w *htmlWalker) table(n *html.Node) {
	rows := tableRows(n)
	if w.inCell || w.pre > 0 || !isDataTable(n, rows) {
		w.boundary()
		w.children(n)
		w.boundary()
		return
	}
	w.flush()
	if caption := childElement(n, atom.Caption); caption != nil && !isDropped(caption) {
		w.block(caption, blockContext{kind: Paragraph})
	}
	grid, header := w.tableGrid(rows)
	text := layoutColumns(grid, header)
	if maxLineWidth(text) <= maxTableWidth {
		w.addPreformatted(text)
		return
	}
	for _, row := range grid {
		var cells []string
		for _, c := range row {
			if c.text != "" {
				cells = append(cells, c.text)
			}
		}
		if len(cells) > 0 {
			w.blocks = append(w.blocks, Block{Kind: Paragraph, Text: strings.Join(cells, cellSeparator)})
		}
	}
}

func maxLineWidth(text string) int {
	widest := 0
	for line := range strings.SplitSeq(text, "\n") {
		widest = max(widest, displayWidth(line))
	}
	return widest
}

// tableRows lists a table's rows and their cells, not those of tables
// nested in it.
func tableRows(table *html.Node) [][]*html.Node {
	var rows [][]*html.Node
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode || isDropped(c) {
				continue
			}
			switch tag(c) {
			case atom.Thead, atom.Tbody, atom.Tfoot:
				visit(c)
			case atom.Tr:
				var cells []*html.Node
				for cell := c.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.Type == html.ElementNode && (tag(cell) == atom.Td || tag(cell) == atom.Th) && !isDropped(cell) {
						cells = append(cells, cell)
					}
				}
				if len(cells) > 0 {
					rows = append(rows, cells)
				}
			}
		}
	}
	visit(table)
	return rows
}

func isDataTable(table *html.Node, rows [][]*html.Node) bool {
	if role, _ := attr(table, "role"); role == "presentation" || role == "none" {
		return false
	}
	if hasDescendant(table, atom.Table) || len(rows) == 0 {
		return false
	}
	columns := 0
	for _, cells := range rows {
		columns = max(columns, len(cells))
		for _, c := range cells {
			if textRunes(c) > maxCellRunes {
				return false
			}
		}
	}
	return columns > 1
}

// textRunes counts the runes of the text in n, up to a little over
// maxCellRunes.
func textRunes(n *html.Node) int {
	count := 0
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count <= maxCellRunes; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				count += len([]rune(strings.TrimSpace(c.Data)))
			case c.Type == html.ElementNode && !isDropped(c):
				visit(c)
			}
		}
	}
	visit(n)
	return count
}

func childElement(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && tag(c) == a {
			return c
		}
	}
	return nil
}

// gridCell is one cell of a table laid out in columns.
type gridCell struct {
	text string
	span int // columns the cell covers; 0 for a column covered by another
}

// tableGrid gathers each cell's text into a grid, with the places that
// colspan and rowspan cover left empty. header is true when the first row
// is all header cells.
func (w *htmlWalker) tableGrid(rows [][]*html.Node) (grid [][]gridCell, header bool) {
	header = true
	for _, c := range rows[0] {
		header = header && tag(c) == atom.Th
	}
	spans := map[int]int{} // column → rows still covered by a rowspan above
	for _, cells := range rows {
		var row []gridCell
		skipSpanned := func() {
			for spans[len(row)] > 0 {
				spans[len(row)]--
				row = append(row, gridCell{span: 1})
			}
		}
		for _, c := range cells {
			skipSpanned()
			colspan := min(spanAttr(c, "colspan"), 100)
			rowspan := min(spanAttr(c, "rowspan"), 1000)
			for i := range colspan {
				if rowspan > 1 {
					spans[len(row)+i] = rowspan - 1
				}
			}
			row = append(row, gridCell{text: w.cellText(c), span: colspan})
			for range colspan - 1 {
				row = append(row, gridCell{})
			}
		}
		skipSpanned()
		grid = append(grid, row)
	}
	return grid, header
}

func spanAttr(n *html.Node, key string) int {
	v, _ := attr(n, key)
	s, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || s < 1 {
		return 1
	}
	return s
}

// cellText is a cell's content as one line.
func (w *htmlWalker) cellText(cell *html.Node) string {
	w.inCell, w.space, w.breaks = true, false, 0
	w.children(cell)
	w.inCell = false
	text := strings.Join(strings.Fields(Sanitize(w.text.String())), " ")
	w.text.Reset()
	w.space = false
	return text
}

// layoutColumns pads the cells of each column to one width; a rule
// follows a header row. A cell that spans columns widens the last of them
// when it needs more room than they give.
func layoutColumns(grid [][]gridCell, header bool) string {
	var widths []int
	for _, row := range grid {
		for len(widths) < len(row) {
			widths = append(widths, 0)
		}
		for i, c := range row {
			if c.span == 1 {
				widths[i] = max(widths[i], displayWidth(c.text))
			}
		}
	}
	for _, row := range grid {
		for i, c := range row {
			if c.span > 1 {
				last := i + c.span - 1
				if room := spannedWidth(widths, i, c.span); displayWidth(c.text) > room {
					widths[last] += displayWidth(c.text) - room
				}
			}
		}
	}
	var b strings.Builder
	writeRow := func(row []gridCell) {
		var line strings.Builder
		for i, c := range row {
			if c.span == 0 {
				continue
			}
			if i > 0 {
				line.WriteString(columnGap)
			}
			line.WriteString(c.text)
			line.WriteString(strings.Repeat(" ", max(0, spannedWidth(widths, i, c.span)-displayWidth(c.text))))
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	for i, row := range grid {
		writeRow(row)
		if i == 0 && header && len(grid) > 1 {
			rule := make([]gridCell, len(widths))
			for j, wd := range widths {
				rule[j] = gridCell{text: strings.Repeat("-", wd), span: 1}
			}
			writeRow(rule)
		}
	}
	return b.String()
}

// spannedWidth is the width of span columns from first, gaps included.
func spannedWidth(widths []int, first, span int) int {
	total := 0
	for i := first; i < first+span && i < len(widths); i++ {
		total += widths[i]
	}
	return total + (span-1)*len(columnGap)
}

// displayWidth is the number of terminal columns s takes: two for wide
// East Asian characters, none for combining marks.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r), r == '\u200b':
		case isWide(r):
			n += 2
		default:
			n++
		}
	}
	return n
}

func isWide(r rune) bool {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return true
	}
	return false
}
