package model

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wrapWidth guesses the column at which a hard-wrapped file was wrapped, or
// returns 0 when its lines are paragraphs (one per line, as in the seed).
// In hard-wrapped text the lines inside a paragraph (followed by a line
// that is not blank and not indented more) are close to one width under
// 100, and most of them stop in the middle of a sentence; the last line of
// each paragraph may be any length. The lines of tables do not count.
func wrapWidth(lines []string, tables []span) int {
	// Each inner line as its length times two, plus one if it stops
	// mid-sentence: sorted, these sort by length.
	var inside []int
	for i := 0; i+1 < len(lines); i++ {
		if len(tables) > 0 && tables[0].start == i {
			i, tables = tables[0].end-1, tables[1:]
			continue
		}
		// Lines carry no trailing space (splitLines), so a line is blank
		// when its indent is all of it.
		l, next := lines[i], lines[i+1]
		il, in := indent(l), indent(next)
		if il == len(l) || in == len(next) || in > il {
			continue
		}
		v := utf8.RuneCountInString(l) * 2
		if !endsSentence(l) {
			v++
		}
		inside = append(inside, v)
	}
	if len(inside) < 2 {
		return 0
	}
	slices.Sort(inside)
	w := inside[len(inside)*9/10] / 2
	if w > 100 {
		return 0
	}
	near, open := 0, 0
	for _, v := range inside {
		if v/2*10 >= w*7 {
			near++
			open += v % 2
		}
	}
	if near*10 < len(inside)*6 || open*2 < near {
		return 0
	}
	return w
}

// segment groups lines into blocks. A blank line always ends a block. Runs
// of lines laid out in columns are preformatted blocks, kept as written.
// Other lines are joined into paragraphs where the next line goes on with
// the sentence, or, in hard-wrapped text (wrap > 0), where the line was
// wrapped and the next one is not indented more. Bullet, numbered and "> "
// lines start list items and quotes.
func segment(lines []string) (blocks []rawBlock, wrap int) {
	tables := findTables(lines)
	wrap = wrapWidth(lines, tables)
	var parts []string // the lines of the block being joined
	blank := false     // a blank line stands before the current line
	flush := func() {
		if len(parts) > 1 {
			last := &blocks[len(blocks)-1]
			last.Text, last.lines = strings.Join(parts, " "), len(parts)
		}
		parts = parts[:0]
	}
	start := func(kind BlockKind, text string, number int) {
		flush()
		blocks = append(blocks, rawBlock{Block{Kind: kind, Text: text, Number: number}, 1, blank})
		parts = append(parts, text)
		blank = false
	}
	open := false
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		text := strings.TrimSpace(line)
		if text == "" {
			open, blank = false, true
			continue
		}
		if len(tables) > 0 && tables[0].start == i {
			end := tables[0].end
			tables = tables[1:]
			flush()
			blocks = append(blocks, rawBlock{Block{Kind: Preformatted, Text: tableText(lines[i:end])}, end - i, blank})
			blank = false
			open = false
			i = end - 1
			continue
		}
		prevLine := ""
		if open {
			prevLine = lines[i-1]
		}
		if quote, ok := quoteText(text); ok {
			if open && blocks[len(blocks)-1].Kind == Quote {
				parts = append(parts, quote)
				blank = false
			} else {
				start(Quote, quote, 0)
			}
			open = true
			continue
		}
		if item, ok := listItemText(text); ok {
			start(ListItem, item, 0)
			open = true
			continue
		}
		if n, item, ok := orderedItemText(text); ok && startsOrderedItem(blocks, prevLine, n) {
			start(OrderedItem, item, n)
			open = true
			continue
		}
		if len(parts) > 0 {
			kind, last := blocks[len(blocks)-1].Kind, parts[len(parts)-1]
			if open && continuesBlock(kind, prevLine, line, wrap) || !open && goesOnAfterBlank(kind, last, text) {
				parts = append(parts, text)
				open, blank = true, false
				continue
			}
		}
		start(Paragraph, text, 0)
		open = true
	}
	flush()
	return blocks, wrap
}

// rawBlock is a block with the number of source lines it was made from,
// and whether a blank line stands before it.
type rawBlock struct {
	Block
	lines       int
	blankBefore bool
}

// continuesBlock reports whether line cur goes on with the block that
// line prev belongs to. A sentence is never split: a line that starts in
// lower case, or follows a comma or a word that leaves a sentence open,
// always goes on. Otherwise an indented line (one indented more than the
// line before, or otherwise than it) starts a new paragraph, and in
// hard-wrapped text a line goes on where the one before was wrapped: it is
// long and stops mid-sentence (or on an abbreviation), or the first word of
// the next line would not have fitted on it.
func continuesBlock(kind BlockKind, prev, cur string, wrap int) bool {
	p, c := strings.TrimSpace(prev), strings.TrimSpace(cur)
	if startsLower(c) {
		return true
	}
	if kind == Quote { // a quote goes on with its "> " lines only
		return false
	}
	if ic := indent(cur); ic > indent(prev) || ic > 0 && ic != indent(prev) {
		return false
	}
	if endsOpen(p) && kind != Heading {
		return true
	}
	if kind == Paragraph && !endsSentence(p) && isSentenceTail(c) && (wrap > 0 || isFigure(strings.TrimSuffix(c, "."))) {
		return true
	}
	n := utf8.RuneCountInString(prev)
	if wrap == 0 {
		// A long line that stops mid-sentence before a figure ("split in
		// December" / "1986. Results") goes on even where no wrap width shows.
		return kind == Paragraph && n >= 40 && !endsSentence(p) && startsWithDigit(c)
	}
	if n*10 < wrap*6 {
		return false
	}
	if !endsSentence(p) || strings.HasSuffix(p, ".") && isAbbreviation(strings.TrimSuffix(p, ".")) {
		return true
	}
	// A sentence ends with the line: it was wrapped only if the next word
	// would not have fitted on it.
	first, _, _ := strings.Cut(c, " ")
	return n+1+utf8.RuneCountInString(first) > wrap
}

// goesOnAfterBlank reports whether text, after a blank line, is the rest
// of the paragraph's unfinished sentence (it starts in lower case, or the
// paragraph stops on a comma or a word such as "of"): a blank line does not
// split a sentence.
func goesOnAfterBlank(kind BlockKind, last, text string) bool {
	return kind == Paragraph && !endsSentence(last) && (startsLower(text) || endsOpen(last))
}

func startsWithDigit(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9'
}

// isSentenceTail: a few words that end a sentence, such as "1986." or
// "in May.", which no paragraph starts with.
func isSentenceTail(s string) bool {
	return endsSentence(s) && strings.Count(s, " ") < 3
}

// endsOpen reports whether a line stops where a sentence cannot end: after
// a comma, a semicolon, a hyphen or a word such as "the" or "und".
func endsOpen(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	if last == ',' || last == ';' || (last == '-' && !strings.HasSuffix(s, " -")) {
		return true
	}
	word := s[strings.LastIndexByte(s, ' ')+1:]
	return openEndings[strings.ToLower(word)]
}

func indent(s string) int {
	return len(s) - len(strings.TrimLeft(s, " \t"))
}

var bullets = []string{"- ", "* ", "• ", "· ", "– ", "+ "}

func isListItem(line string) bool {
	_, ok := listItemText(strings.TrimSpace(line))
	return ok
}

var orderedItem = regexp.MustCompile(`^(\d{1,3})\.\s+(\S.*)$`)

// orderedItemText splits "3. Text" into its number and text. ("3) Text" is
// left as written: the reader draws items as "3.".)
func orderedItemText(text string) (int, string, bool) {
	if !startsWithDigit(text) {
		return 0, "", false
	}
	m := orderedItem.FindStringSubmatch(text)
	if m == nil {
		return 0, "", false
	}
	n, _ := strconv.Atoi(m[1])
	return n, m[2], true
}

// startsOrderedItem tells a numbered item from a wrapped sentence that
// happens to go on with a number: an item follows another item, or starts
// a list after a finished sentence or a colon.
func startsOrderedItem(blocks []rawBlock, prevLine string, n int) bool {
	if len(blocks) > 0 && blocks[len(blocks)-1].Kind == OrderedItem {
		return true
	}
	return n <= 1 && (prevLine == "" || endsSentence(strings.TrimSpace(prevLine)))
}

// quoteText is the text of a "> " quoted line.
func quoteText(text string) (string, bool) {
	rest, ok := strings.CutPrefix(text, "> ")
	if !ok {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	return rest, rest != ""
}

func listItemText(text string) (string, bool) {
	for _, b := range bullets {
		if rest, ok := strings.CutPrefix(text, b); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// markHeadings turns short one-line paragraphs that stand between two
// paragraphs into section headings, and returns the body blocks. In
// hard-wrapped text (wrap > 0), where a short line is as often the end of a
// paragraph, a heading also needs a blank line above or below it.
func markHeadings(raw []rawBlock, wrap int) []Block {
	blocks := make([]Block, len(raw))
	for i, rb := range raw {
		blocks[i] = rb.Block
		if i == 0 || i == len(raw)-1 || rb.Kind != Paragraph || rb.lines != 1 {
			continue
		}
		prev, next := raw[i-1], raw[i+1]
		if prev.Kind == Heading || next.Kind != Paragraph {
			continue
		}
		if wrap > 0 && !rb.blankBefore && !next.blankBefore {
			continue
		}
		if looksLikeHeading(rb.Text) && endsSentence(prev.Text) && startsSentence(next.Text) && !startsWithDigit(next.Text) && endsSentence(next.Text) && !isSentenceTail(next.Text) {
			blocks[i].Kind = Heading
			raw[i].Kind = Heading
		}
	}
	return blocks
}

const (
	maxHeadingRunes = 80
	maxHeadingWords = 12
)

// looksLikeHeading: short, capitalised, without final punctuation, not laid
// out in columns, not mostly figures, and not ending on a word that leaves
// a sentence open ("for", "und").
func looksLikeHeading(s string) bool {
	if utf8.RuneCountInString(s) > maxHeadingRunes {
		return false
	}
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > maxHeadingWords {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(first) {
		return false
	}
	if gaps, tabs := columnGaps(s); gaps > 0 || tabs > 0 {
		return false
	}
	figures := 0
	for _, w := range words {
		if isFigure(w) {
			figures++
		}
	}
	if figures >= 2 || figures*3 >= len(words) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsPunct(last) && last != ')' {
		return false
	}
	return !openEndings[strings.ToLower(words[len(words)-1])]
}

// openEndings are words after which a line cannot end a sentence.
var openEndings = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "of": true,
	"for": true, "to": true, "in": true, "on": true, "at": true, "by": true, "with": true,
	"as": true, "that": true, "from": true, "vs": true, "is": true, "was": true, "his": true, "her": true,
	"der": true, "die": true, "das": true, "und": true, "oder": true, "mit": true, "von": true,
	"zu": true, "im": true, "den": true, "dem": true, "des": true, "ein": true,
	"eine": true, "für": true, "auf": true, "aus": true, "bei": true, "nach": true, "dass": true,
}

// endsSentence reports whether s ends as a finished sentence does.
func endsSentence(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:…\"'”“»«)", last)
}
