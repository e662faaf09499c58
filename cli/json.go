package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"kiosk/model"
)

// articleSummary is one article in `kiosk list --json`; its fields are
// documented in the README and scripts rely on them.
type articleSummary struct {
	Index          int      `json:"index"`
	ID             string   `json:"id"`
	Source         string   `json:"source"`
	Title          string   `json:"title"`
	Byline         *string  `json:"byline"`
	Dateline       *string  `json:"dateline"`
	Headings       []string `json:"headings"`
	Paragraphs     int      `json:"paragraphs"`
	Words          int      `json:"words"`
	ReadingMinutes int      `json:"reading_minutes"`
	Comments       *int     `json:"comments"`
	// Feed, URL and Published are a feed item's or web page's; null for
	// files.
	Feed      *string `json:"feed"`
	URL       *string `json:"url"`
	Published *string `json:"published"`
}

// articleDocument is the whole article, for `kiosk show --json`.
type articleDocument struct {
	articleSummary
	Markdown       bool        `json:"markdown"`
	Blocks         []blockJSON `json:"blocks"`
	CommentsFooter []string    `json:"comments_footer"`
	// Links are the addresses the body's [1], [2], ... refer to.
	Links []string `json:"links"`
}

type blockJSON struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
	// Number is an ordered item's number; left out for other kinds.
	Number int `json:"number,omitempty"`
}

// searchHit is one result of `kiosk search --json`.
type searchHit struct {
	articleSummary
	Snippet string `json:"snippet"`
}

// summarize describes the article at 0-based position i of its library,
// loading the body of a feed item listed without one.
func summarize(ctx context.Context, a *model.Article, i int) (articleSummary, error) {
	a, err := a.Load(ctx)
	if err != nil {
		return articleSummary{}, err
	}
	s := articleSummary{
		Index:          i + 1,
		ID:             a.ID,
		Source:         a.Path(),
		Title:          a.Title,
		Byline:         nonEmpty(a.Byline),
		Dateline:       nonEmpty(a.Dateline),
		Headings:       a.Headings(),
		Paragraphs:     a.Paragraphs(),
		Words:          a.Words,
		ReadingMinutes: a.ReadingMinutes(),
	}
	if s.Headings == nil {
		s.Headings = []string{}
	}
	if a.Comments != nil && a.Comments.HasCount {
		s.Comments = &a.Comments.Count
	}
	s.Feed, s.URL = nonEmpty(a.Feed), nonEmpty(a.Link)
	if !a.Published.IsZero() {
		p := a.Published.Format(time.RFC3339)
		s.Published = &p
	}
	return s, nil
}

func document(ctx context.Context, a *model.Article, i int) (articleDocument, error) {
	sum, err := summarize(ctx, a, i)
	if err != nil {
		return articleDocument{}, err
	}
	a, _ = a.Load(ctx) // loaded by summarize, and held
	d := articleDocument{articleSummary: sum, Markdown: a.Markdown, Blocks: []blockJSON{}, Links: a.Links}
	if d.Links == nil {
		d.Links = []string{}
	}
	for _, b := range a.Blocks {
		d.Blocks = append(d.Blocks, blockJSON{Kind: b.Kind.String(), Text: b.Text, Number: b.Number})
	}
	if a.Comments != nil {
		d.CommentsFooter = a.Comments.Lines
	}
	return d, nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// writeJSON writes v indented, with <, > and & left as they are: the output
// is for people and jq, not for embedding in HTML. Characters that a
// terminal could take as commands or use to reorder text (C1 controls, bidi
// overrides) are written as \u escapes, which decode to the same string;
// encoding/json already does so for C0 controls. This matters for file
// paths, which are kept exactly so that scripts can open them.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	var out strings.Builder
	out.Grow(buf.Len())
	for _, r := range buf.String() {
		if isTerminalHazard(r) {
			fmt.Fprintf(&out, `\u%04x`, r)
		} else {
			out.WriteRune(r)
		}
	}
	_, err := io.WriteString(w, out.String())
	return err
}

// isTerminalHazard is a character JSON may carry raw that a terminal would
// act on: DEL, a C1 control or a bidi embedding, override or isolate.
func isTerminalHazard(r rune) bool {
	return r == 0x7f || (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}
