package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lineShape is how a line of plain text is laid out, as far as finding
// tables goes.
type lineShape uint8

const (
	shapeBlank lineShape = iota
	// shapeText is running text, a label or anything else.
	shapeText
	// shapeHeader has one wide gap between two fields, as the column
	// headers above a table ("      1986/87      1985/86") do.
	shapeHeader
	// shapeColumns is laid out in columns: two or more wide gaps (runs of
	// two or more spaces, or tabs) between fields, or tab-separated fields.
	shapeColumns
	// shapeFigures is a short row of figures with single spaces between
	// them, as in earnings and currency tables ("Net 12.6 mln vs 15.8 mln").
	shapeFigures
)

// shapeOf classifies line; next is the line after it ("" at the end),
// which tells a row of figures from a sentence wrapped after a number.
func shapeOf(line, next string) lineShape {
	text := strings.TrimLeft(line, " \t")
	if text == "" {
		return shapeBlank
	}
	gaps, tabs := columnGaps(text)
	switch {
	case gaps >= 2 || tabs >= 1:
		return shapeColumns
	case isFigureRow(text, next):
		return shapeFigures
	case gaps == 1:
		return shapeHeader
	}
	return shapeText
}

// columnGaps counts the wide gaps between fields of text (which has no
// leading space), and how many of them hold a tab. Two spaces after the end
// of a sentence are a typist's habit, not a column, and do not count.
func columnGaps(text string) (gaps, tabs int) {
	if !strings.Contains(text, "  ") && strings.IndexByte(text, '\t') < 0 {
		return 0, 0 // most lines of prose: no need to look closer
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c != ' ' && c != '\t' {
			i++
			continue
		}
		j, tab := i, false
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			tab = tab || text[j] == '\t'
			j++
		}
		if j < len(text) && (tab || j-i >= 2 && !isSentenceSpacing(text[:i], text[j:])) {
			gaps++
			if tab {
				tabs++
			}
		}
		i = j
	}
	return gaps, tabs
}

func isSentenceSpacing(before, after string) bool {
	last, _ := utf8.DecodeLastRuneInString(before)
	first, _ := utf8.DecodeRuneInString(after)
	return strings.ContainsRune(".!?:\"”", last) && (unicode.IsUpper(first) || strings.ContainsRune("\"“„", first))
}

// isFigureRow reports whether text is a short row of figures: at least two
// numbers that make up a third of its words or more, no sentence
// punctuation at its end, and no sentence that goes on in the next line.
func isFigureRow(text, next string) bool {
	if len(text) > 4*64 || startsLower(text) || !hasDigit(text) || utf8.RuneCountInString(text) > 64 || startsLower(strings.TrimLeft(next, " \t")) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(text)
	if strings.ContainsRune(".,;:!?", last) {
		return false
	}
	if openEndings[strings.ToLower(text[strings.LastIndexAny(text, " \t")+1:])] {
		return false
	}
	words, numbers := 0, 0
	for w := range strings.FieldsSeq(text) {
		words++
		if isFigure(w) {
			numbers++
		}
	}
	return numbers >= 2 && numbers*3 >= words
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// isFigure: a word of digits and the marks that go with figures
// ("1,234", "-0.5", "(3.06)", "1986/87", "12.5%", "$4").
func isFigure(w string) bool {
	digits := 0
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune(".,/-+()%$£€:'", r):
		default:
			return false
		}
	}
	return digits > 0
}

// startsLower reports whether s begins with a lower-case letter, as the
// rest of a sentence does.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

const (
	// maxTableBridge is how many lines of other text (notes, labels) may
	// stand between two parts of one table.
	maxTableBridge = 3
	// maxTableHeader is how many header lines above a table belong to it.
	maxTableHeader = 2
)

// span is a run of lines [start, end).
type span struct{ start, end int }

// findTables returns the tables among lines, in order. A table is a run of
// lines laid out in columns, or of at least two rows of figures, with the
// header lines right above it and the notes and labels between its parts.
func findTables(lines []string) []span {
	shapes := make([]lineShape, len(lines))
	for i, l := range lines {
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1]
		}
		shapes[i] = shapeOf(l, next)
	}
	var tables []span
	for i := 0; i < len(lines); {
		if !isRow(shapes[i]) {
			i++
			continue
		}
		end, rows, columns := i+1, 1, shapes[i] == shapeColumns
		for end < len(lines) {
			if shapes[end] == shapeHeader || isRow(shapes[end]) {
				if isRow(shapes[end]) {
					rows++
				}
				columns = columns || shapes[end] == shapeColumns
				end++
				continue
			}
			j := end
			for j < len(lines) && j-end < maxTableBridge && shapes[j] == shapeText && isBridgeLine(lines[j]) {
				j++
			}
			if j == end || j >= len(lines) || (shapes[j] != shapeHeader && !isRow(shapes[j])) {
				break
			}
			end = j
		}
		start := i
		for start > 0 && i-start < maxTableHeader && isHeaderAbove(lines, shapes, start-1) {
			start--
		}
		if columns || rows >= 2 || start < i {
			tables = append(tables, span{start, end})
		}
		i = end
	}
	return tables
}

func isRow(s lineShape) bool { return s == shapeColumns || s == shapeFigures }

// isBridgeLine: a note or label inside a table is indented or short.
func isBridgeLine(line string) bool {
	return indent(line) > 0 || utf8.RuneCountInString(line) <= 40
}

// isHeaderAbove reports whether lines[i] heads the table below it: a line
// with one wide gap, or an indented label that is not the end of a sentence
// and not the rest of a sentence from the line above.
func isHeaderAbove(lines []string, shapes []lineShape, i int) bool {
	switch shapes[i] {
	case shapeHeader:
		return true
	case shapeText:
		text := strings.TrimSpace(lines[i])
		if indent(lines[i]) == 0 || utf8.RuneCountInString(text) > 50 || endsSentence(text) {
			return false
		}
		last, _ := utf8.DecodeLastRuneInString(text)
		if last == ',' || last == ';' {
			return false
		}
		return i == 0 || shapes[i-1] == shapeBlank || endsSentence(strings.TrimSpace(lines[i-1]))
	}
	return false
}

// tableText is a table's lines as written, without the indentation they
// all share and with tabs kept.
func tableText(lines []string) string {
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if n := len(l) - len(strings.TrimLeft(l, " ")); common < 0 || n < common {
			common = n
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l[min(common, len(l)-len(strings.TrimLeft(l, " "))):]
	}
	return strings.Join(out, "\n")
}
