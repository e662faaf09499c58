package render

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

// Plain output is for pipes, scripts and SSH sessions without a terminal: it
// never holds an escape sequence or a control character other than newline
// and tab, whatever the articles contain.

// WriteList writes one line per article, numbered from 1 in library order:
// number, title, byline, comment count, "read" or "unread", and "starred"
// or nothing, separated by tabs. A missing byline or count is an empty
// field, so `cut -f` keeps its columns. A nil marks counts every article
// unread and unstarred.
func WriteList(w io.Writer, lib *model.Library, marks Marks) error {
	bw := bufio.NewWriter(w)
	for i, a := range lib.Articles {
		var isRead, isStarred bool
		if marks != nil {
			isRead, isStarred = marks.Marks(a.Key)
		}
		read, starred := "unread", ""
		if isRead {
			read = "read"
		}
		if isStarred {
			starred = "starred"
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\n", i+1, Field(a.Title), Field(a.Byline), commentCount(a), read, starred)
	}
	return bw.Flush()
}

// Marks tells whether the article with this key is read and starred, such
// as a reader's store.State.
type Marks interface {
	Marks(key string) (read, starred bool)
}

// PlainField makes text safe for one tab-separated field: no escape
// sequences, no control characters, no tabs or line breaks.
func Field(s string) string {
	return strings.Join(strings.Fields(model.Sanitize(s)), " ")
}

func commentCount(a *model.Article) string {
	if a.Comments == nil || !a.Comments.HasCount {
		return ""
	}
	return strconv.Itoa(a.Comments.Count)
}

// WritePlainArticle writes an article as plain text wrapped at width columns:
// the title underlined with '=', a line of facts (byline · dateline · reading
// time), the body with section headings underlined with '-' and list items
// marked '- ', and, when comments is true, the comments footer after a rule.
// Words longer than the width are kept whole so that links stay usable.
func WriteArticle(w io.Writer, a *model.Article, width int, comments bool) error {
	width = max(width, 1)
	bw := bufio.NewWriter(w)
	if a.Title != "" {
		writeUnderlined(bw, a.Title, '=', width)
	}
	if facts := Facts(a); facts != "" {
		fmt.Fprintf(bw, "%s\n", wrapPlain(facts, width))
	}
	for _, blk := range a.Blocks {
		text := Field(blk.Text)
		if text == "" {
			continue
		}
		bw.WriteString("\n")
		switch blk.Kind {
		case model.Heading:
			writeUnderlined(bw, text, '-', width)
		case model.ListItem:
			fmt.Fprintf(bw, "%s\n", hangingIndent(text, "- ", width))
		default:
			fmt.Fprintf(bw, "%s\n", wrapPlain(text, width))
		}
	}
	if len(a.Links) > 0 {
		bw.WriteString("\n")
		writeUnderlined(bw, "Links", '-', width)
		for i, link := range a.Links {
			fmt.Fprintf(bw, "[%d] %s\n", i+1, Field(link))
		}
	}
	if comments && a.Comments != nil {
		writeFooter(bw, a.Comments, width)
	}
	return bw.Flush()
}

func writeUnderlined(w *bufio.Writer, text string, mark rune, width int) {
	wrapped := wrapPlain(Field(text), width)
	fmt.Fprintf(w, "%s\n%s\n", wrapped, strings.Repeat(string(mark), min(widest(wrapped), width)))
}

func writeFooter(w *bufio.Writer, c *model.Comments, width int) {
	var lines []string
	longest := 0
	for _, l := range c.Lines {
		if l = Field(l); l != "" {
			l = wrapPlain(l, width)
			lines = append(lines, l)
			longest = max(longest, widest(l))
		}
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", strings.Repeat("-", max(3, min(longest, width))))
	for _, l := range lines {
		fmt.Fprintf(w, "%s\n", l)
	}
}

// widest is the width in cells of the longest line of s.
func widest(s string) int {
	n := 0
	for line := range strings.SplitSeq(s, "\n") {
		n = max(n, ansi.StringWidth(line))
	}
	return n
}

func wrapPlain(text string, width int) string {
	return ansi.Wordwrap(text, width, "")
}

// hangingIndent wraps text after a marker and indents its continuation
// lines under the text, not under the marker.
func hangingIndent(text, marker string, width int) string {
	pad := strings.Repeat(" ", ansi.StringWidth(marker))
	lines := strings.Split(wrapPlain(text, max(width-len(pad), 1)), "\n")
	for i := range lines {
		if i == 0 {
			lines[i] = marker + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}
