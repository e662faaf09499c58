package render

import (
	"fmt"
	"strings"

	"kiosk/model"
)

// Markdown turns an article into a markdown document: its title as a
// heading, a line of facts, the body and, when comments is true, the comments
// footer as a styled block; otherwise a one-line hint that says how to show
// it. Article text is escaped so that it shows as written; articles parsed
// from markdown files keep their markup. Preformatted blocks are fenced code.
func Markdown(a *model.Article, comments bool) string {
	return writeMarkdown(a, comments, fenced)
}

// writeMarkdown is Markdown with pre writing each preformatted block.
func writeMarkdown(a *model.Article, comments bool, pre func(b *strings.Builder, i int, text string)) string {
	var b strings.Builder
	if a.Title != "" {
		fmt.Fprintf(&b, "# %s\n\n", escapeMarkdown(a.Title))
	}
	if facts := Facts(a); facts != "" {
		fmt.Fprintf(&b, "*%s*\n\n", escapeMarkdown(facts))
	}
	for i, blk := range a.Blocks {
		if blk.Kind == model.Preformatted {
			if strings.TrimSpace(blk.Text) != "" {
				pre(&b, i, blk.Text)
			}
			continue
		}
		text := blockText(a, blk)
		if text == "" {
			continue
		}
		switch blk.Kind {
		case model.Heading:
			fmt.Fprintf(&b, "## %s\n\n", text)
		case model.ListItem:
			fmt.Fprintf(&b, "- %s\n\n", indentLines(text, "  "))
		case model.OrderedItem:
			fmt.Fprintf(&b, "%d. %s\n\n", blk.Number, indentLines(text, "   "))
		case model.Quote:
			fmt.Fprintf(&b, "> %s\n\n", strings.ReplaceAll(text, "\n", "\n> "))
		default:
			fmt.Fprintf(&b, "%s\n\n", text)
		}
	}
	writeLinks(&b, a.Links)
	if a.Comments != nil {
		if comments {
			writeCommentsBlock(&b, a.Comments)
		} else {
			fmt.Fprintf(&b, "*%s*\n", CommentsHint(a.Comments, "press c"))
		}
	}
	return b.String()
}

// writeLinks lists the addresses the body's [n] marks refer to, each a
// paragraph of its own (glamour joins the lines of one), under a heading.
func writeLinks(b *strings.Builder, links []string) {
	if len(links) == 0 {
		return
	}
	b.WriteString("## Links\n\n")
	for i, u := range links {
		fmt.Fprintf(b, "%s %s\n\n", escapeMarkdown(fmt.Sprintf("[%d]", i+1)), escapeMarkdown(Field(u)))
	}
}

// fenced writes text as a fenced code block, with a fence longer than any
// run of backticks inside it.
func fenced(b *strings.Builder, _ int, text string) {
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	fmt.Fprintf(b, "%s\n%s\n%s\n\n", fence, text, fence)
}

// indentLines indents every line of text after the first, so that the
// lines of a markdown list item stay in the item.
func indentLines(text, pad string) string {
	return strings.ReplaceAll(text, "\n", "\n"+pad)
}

// blockText is a block's text ready for markdown: escaped for plain-text
// articles, kept as written for markdown ones.
func blockText(a *model.Article, blk model.Block) string {
	if a.Markdown && blk.Kind == model.Heading {
		return strings.TrimSpace(strings.TrimLeft(blk.Text, "#"))
	}
	if a.Markdown {
		return strings.TrimSpace(blk.Text)
	}
	return escapeMarkdown(strings.Join(strings.Fields(blk.Text), " "))
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
