package render

import (
	"fmt"
	"strings"

	"kiosk/model"
)

// ArticleMarkdown turns an article into a markdown document: its title as a
// heading, a line of facts, the body and, when comments is true, the comments
// footer as a styled block; otherwise a one-line hint that says how to show
// it. Article text is escaped so that it shows as written; articles parsed
// from markdown files keep their markup.
func Markdown(a *model.Article, comments bool) string {
	var b strings.Builder
	if a.Title != "" {
		fmt.Fprintf(&b, "# %s\n\n", escapeMarkdown(a.Title))
	}
	if facts := Facts(a); facts != "" {
		fmt.Fprintf(&b, "*%s*\n\n", escapeMarkdown(facts))
	}
	for _, blk := range a.Blocks {
		text := blockText(a, blk)
		if text == "" {
			continue
		}
		switch blk.Kind {
		case model.Heading:
			fmt.Fprintf(&b, "## %s\n\n", text)
		case model.ListItem:
			fmt.Fprintf(&b, "- %s\n\n", text)
		default:
			fmt.Fprintf(&b, "%s\n\n", text)
		}
	}
	if len(a.Links) > 0 {
		// The addresses the body's [1], [2], ... refer to, as text: a
		// terminal that finds links in text makes them clickable.
		b.WriteString("## Links\n\n")
		for i, link := range a.Links {
			fmt.Fprintf(&b, "%s\n\n", escapeMarkdown(fmt.Sprintf("[%d] %s", i+1, Field(link))))
		}
	}
	if a.Comments != nil {
		if comments {
			writeCommentsBlock(&b, a.Comments)
		} else {
			fmt.Fprintf(&b, "---\n\n*%s*\n", CommentsHint(a.Comments, "press c"))
		}
	}
	return b.String()
}

// blockText is a block's text ready for markdown: escaped for plain-text
// articles, kept (minus any heading or bullet marker) for markdown ones.
func blockText(a *model.Article, blk model.Block) string {
	text := strings.Join(strings.Fields(blk.Text), " ")
	if !a.Markdown {
		return escapeMarkdown(text)
	}
	switch blk.Kind {
	case model.Heading:
		return strings.TrimSpace(strings.TrimLeft(text, "#"))
	case model.ListItem:
		return strings.TrimSpace(strings.TrimLeft(text, "-*+"))
	}
	return text
}

func writeCommentsBlock(b *strings.Builder, c *model.Comments) {
	b.WriteString("---\n\n")
	if c.HasCount {
		fmt.Fprintf(b, "**Comments · %d**\n\n", c.Count)
	} else {
		b.WriteString("**Comments**\n\n")
	}
	for i, line := range c.Lines {
		if i > 0 {
			b.WriteString(">\n")
		}
		fmt.Fprintf(b, "> %s\n", escapeMarkdown(strings.TrimSpace(line)))
	}
}

// escapeMarkdown makes text show as written: it backslash-escapes the
// characters that can start markup (and that glamour unescapes), and writes
// `&` and `~` as entities because glamour keeps their backslash.
func escapeMarkdown(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r == '&':
			b.WriteString("&amp;")
		case r == '~':
			b.WriteString("&#126;")
		case strings.ContainsRune(markdownPunct, r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// markdownPunct are the characters escaped with a backslash.
const markdownPunct = "\\`*_{}[]<>()#+-.!|"
