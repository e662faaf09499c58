package render

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	xansi "github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

// Glamour wraps code blocks at the word-wrap width, which would break the
// columns of a table. So each preformatted block goes into the markdown as a
// one-word placeholder paragraph, and its lines, drawn as written, replace
// the placeholder's line in glamour's output.

// placeholderMark brackets a block's index in its placeholder. It is a
// private-use character: text that holds it by chance only loses the line
// to the table it names.
const placeholderMark = "\ue000"

func placeholder(b *strings.Builder, i int, _ string) {
	fmt.Fprintf(b, "%s%d%s\n\n", placeholderMark, i, placeholderMark)
}

// preIndent puts a preformatted block where glamour puts a code block: the
// document's margin plus the code block's own.
const preIndent = "    "

// tabWidth is the distance between tab stops when a block is drawn.
const tabWidth = 8

func fillPlaceholders(out string, a *model.Article, style ansi.StyleConfig) string {
	if !strings.Contains(out, placeholderMark) {
		return out
	}
	text := lipgloss.NewStyle()
	if c := style.Document.Color; c != nil {
		text = text.Foreground(lipgloss.Color(*c))
	}
	lines := strings.Split(out, "\n")
	filled := make([]string, 0, len(lines))
	for _, line := range lines {
		i, ok := placeholderIndex(line, len(a.Blocks))
		if !ok {
			filled = append(filled, line)
			continue
		}
		for _, l := range strings.Split(a.Blocks[i].Text, "\n") {
			filled = append(filled, preIndent+text.Render(expandTabs(l)))
		}
	}
	return strings.Join(filled, "\n")
}

// placeholderIndex reads the block index from a line of glamour's output
// that holds nothing but a placeholder.
func placeholderIndex(line string, blocks int) (int, bool) {
	s := strings.TrimSpace(xansi.Strip(line))
	inner, ok := strings.CutPrefix(s, placeholderMark)
	if !ok {
		return 0, false
	}
	inner, ok = strings.CutSuffix(inner, placeholderMark)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(inner)
	if err != nil || i < 0 || i >= blocks {
		return 0, false
	}
	return i, true
}

// expandTabs replaces tabs with spaces up to the next tab stop, so that a
// block's columns line up on the screen as they did in the file.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := tabWidth - col%tabWidth
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col += xansi.StringWidth(string(r))
	}
	return b.String()
}
