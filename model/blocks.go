package model

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wrapWidth guesses the column at which a hard-wrapped file was wrapped, or
// returns 0 when its lines are paragraphs (one per line, as in the seed).
// Hard-wrapped text has most of its lines close to one width under 100.
func wrapWidth(lines []string) int {
	var lengths []int
	for _, l := range lines {
		if n := utf8.RuneCountInString(l); n > 0 {
			lengths = append(lengths, n)
		}
	}
	if len(lengths) < 3 {
		return 0
	}
	slices.Sort(lengths)
	w := lengths[len(lengths)*9/10]
	if w > 100 {
		return 0
	}
	near := 0
	for _, n := range lengths {
		if n*10 >= w*7 {
			near++
		}
	}
	if near*2 < len(lengths) {
		return 0
	}
	return w
}

// segment groups lines into blocks. A blank line always ends a block. In
// hard-wrapped text (wrap > 0) lines are joined into paragraphs, which end
// at a short line or where the next line is indented more; otherwise each
// line is a block of its own. Bullet lines are list items.
func segment(lines []string, wrap int) []rawBlock {
	var blocks []rawBlock
	var parts []string // the lines of the paragraph being joined
	flush := func() {
		if len(parts) > 1 {
			last := &blocks[len(blocks)-1]
			last.Text, last.lines = strings.Join(parts, " "), len(parts)
		}
		parts = parts[:0]
	}
	open := false
	for i, line := range lines {
		text := strings.TrimSpace(line)
		if text == "" {
			open = false
			continue
		}
		if item, ok := listItemText(text); ok {
			flush()
			blocks = append(blocks, rawBlock{Block{Kind: ListItem, Text: item}, 1})
			parts = append(parts, item)
			open = wrap > 0
			continue
		}
		if open && continuesParagraph(lines[i-1], line, wrap) && len(parts) > 0 {
			parts = append(parts, text)
			continue
		}
		flush()
		blocks = append(blocks, rawBlock{Block{Kind: Paragraph, Text: text}, 1})
		parts = append(parts, text)
		open = true
	}
	flush()
	return blocks
}

// rawBlock is a block with the number of source lines it was made from.
type rawBlock struct {
	Block
	lines int
}

func continuesParagraph(prev, cur string, wrap int) bool {
	if wrap == 0 || indent(cur) > indent(prev) {
		return false
	}
	return utf8.RuneCountInString(prev)*10 >= wrap*6
}

func indent(s string) int {
	return len(s) - len(strings.TrimLeft(s, " \t"))
}

var bullets = []string{"- ", "* ", "• ", "· ", "– ", "+ "}

func isListItem(line string) bool {
	_, ok := listItemText(strings.TrimSpace(line))
	return ok
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
// paragraphs into section headings, and returns the body blocks.
func markHeadings(raw []rawBlock) []Block {
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
		if looksLikeHeading(rb.Text) && endsSentence(prev.Text) && startsSentence(next.Text) && endsSentence(next.Text) {
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

// looksLikeHeading: short, capitalised, without final punctuation, and not
// ending on a word that leaves a sentence open ("for", "und").
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
	"as": true, "that": true, "from": true, "is": true, "was": true, "his": true, "her": true,
	"der": true, "die": true, "das": true, "und": true, "oder": true, "mit": true, "von": true,
	"zu": true, "im": true, "den": true, "dem": true, "des": true, "ein": true,
	"eine": true, "für": true, "auf": true, "aus": true, "bei": true, "nach": true, "dass": true,
}

// endsSentence reports whether s ends as a finished sentence does.
func endsSentence(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:…\"'”“»«)", last)
}
