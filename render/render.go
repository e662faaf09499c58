package render

import (
	"fmt"
	"strings"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

// DefaultWidth is the widest text column kiosk draws unless told otherwise,
// as most style guides for reading prose recommend.
const DefaultWidth = 80

// Options say how an article is rendered.
type Options struct {
	// Width is the text column in cells, margins included; <= 0 means DefaultWidth.
	Width int
	// Dark picks glamour's dark style; false picks the light one.
	Dark bool
	// Comments shows the comments footer instead of a one-line hint.
	Comments bool
}

func (o Options) width() int {
	if o.Width <= 0 {
		return DefaultWidth
	}
	return o.Width
}

// Article renders an article with glamour: ANSI-styled text, section
// headings in colour and bold, wrapped to o.Width. Preformatted blocks are
// drawn as written, never wrapped: their lines may be wider than o.Width.
func Article(a *model.Article, o Options) (string, error) {
	style := glamourStyle(o)
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(style),
		glamour.WithWordWrap(o.width()),
	)
	if err != nil {
		return "", fmt.Errorf("render article %s: %w", a.ID, err)
	}
	out, err := r.Render(writeMarkdown(a, o.Comments, placeholder))
	if err != nil {
		return "", fmt.Errorf("render article %s: %w", a.ID, err)
	}
	return fillPlaceholders(out, a, style), nil
}

// Document is a rendered article split into lines, with where each of its
// blocks starts, so that a reader can keep its place across re-renders.
type Document struct {
	Lines []string
	// Plain holds the lines without escape sequences, for search.
	Plain []string
	// Anchors[i] is the first line of a.Blocks[i].
	Anchors []int
}

func NewDocument(a *model.Article, rendered string) *Document {
	rendered = strings.TrimRight(rendered, "\n ")
	lines := strings.Split(rendered, "\n")
	for len(lines) > 0 && strings.TrimSpace(ansi.Strip(lines[0])) == "" {
		lines = lines[1:]
	}
	d := &Document{Lines: lines, Plain: make([]string, len(lines))}
	for i, l := range lines {
		lines[i] = trimStyledSpaces(l)
		d.Plain[i] = ansi.Strip(lines[i])
	}
	d.Anchors = findAnchors(a, d.Plain)
	return d
}

// findAnchors locates the first line of each block by looking, in order, for
// a line that starts with the block's first words.
func findAnchors(a *model.Article, plain []string) []int {
	anchors := make([]int, len(a.Blocks))
	from := 0
	for i, blk := range a.Blocks {
		words := strings.Fields(blk.Text)
		if a.Markdown && len(words) > 0 && strings.Trim(words[0], "#-*+") == "" {
			words = words[1:]
		}
		anchors[i] = from
		for _, n := range []int{3, 1} {
			if len(words) == 0 {
				break
			}
			probe := strings.Join(words[:min(n, len(words))], " ")
			if at := lineStartingWith(plain, from, probe); at >= 0 {
				anchors[i] = at
				from = at + 1
				break
			}
		}
	}
	return anchors
}

func lineStartingWith(plain []string, from int, probe string) int {
	for i := from; i < len(plain); i++ {
		l := strings.TrimLeft(plain[i], " ")
		l = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(l, "## "), "• "), " ")
		if strings.HasPrefix(l, probe) {
			return i
		}
	}
	return -1
}

// BlockAt is the index of the block shown at line, or -1 before the first.
func (d *Document) BlockAt(line int) int {
	at := -1
	for i, start := range d.Anchors {
		if start > line {
			break
		}
		at = i
	}
	return at
}

// trimStyledSpaces drops the padding glamour adds to every line: trailing
// spaces, each wrapped in its own SGR sequence. That padding is most of the
// rendered bytes, and every later step (search, highlighting, drawing) would
// pay for it.
func trimStyledSpaces(line string) string {
	for {
		trimmed := strings.TrimRight(line, " ")
		if !strings.HasSuffix(trimmed, sgrReset) {
			return trimmed
		}
		body := trimmed[:len(trimmed)-len(sgrReset)]
		start := strings.LastIndex(body, "\x1b[")
		if start < 0 || !isSGR(body[start:]) {
			return trimmed
		}
		open := body[start:]
		end := strings.IndexByte(open, 'm')
		if strings.Trim(open[end+1:], " ") != "" {
			return trimmed
		}
		line = body[:start]
	}
}

const sgrReset = "\x1b[m"

// isSGR reports whether s starts with one SGR sequence (ESC [ params m).
func isSGR(s string) bool {
	end := strings.IndexByte(s, 'm')
	if end < 2 {
		return false
	}
	for _, c := range s[2:end] {
		if (c < '0' || c > '9') && c != ';' {
			return false
		}
	}
	return true
}
