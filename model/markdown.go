package model

import (
	"regexp"
	"strings"
)

var (
	mdHeading  = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdListItem = regexp.MustCompile(`^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s+(\S.*)$`)
)

// parseMarkdown reads a markdown file: its first "#" heading is the title,
// other headings are section headings, and markup is kept as written.
// Paragraph lines keep their line breaks; fenced code stays one block.
func parseMarkdown(a *Article, lines []string) {
	lines, a.Comments = splitFooter(lines)
	var blocks []Block
	para := func() *Block {
		if n := len(blocks); n > 0 && blocks[n-1].Kind == Paragraph {
			return &blocks[n-1]
		}
		return nil
	}
	open, fence := false, ""
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case fence != "":
			p := para()
			p.Text += "\n" + line
			if strings.HasPrefix(trimmed, fence) {
				fence, open = "", false
			}
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:3]
			blocks = append(blocks, Block{Kind: Paragraph, Text: line})
			open = true
		case trimmed == "":
			open = false
		case len(blocks) == 0 && a.Byline == "" && isByline(trimmed):
			a.Byline, _ = parseByline(trimmed)
		case mdHeading.MatchString(trimmed):
			m := mdHeading.FindStringSubmatch(trimmed)
			if m[1] == "#" && a.Title == "" {
				a.Title = m[2]
			} else {
				blocks = append(blocks, Block{Kind: Heading, Text: m[2]})
			}
			open = false
		case mdListItem.MatchString(line):
			blocks = append(blocks, Block{Kind: ListItem, Text: mdListItem.FindStringSubmatch(line)[1]})
			open = true
		case open:
			last := &blocks[len(blocks)-1]
			if last.Kind == ListItem {
				last.Text += " " + trimmed
			} else {
				last.Text += "\n" + line
			}
		default:
			blocks = append(blocks, Block{Kind: Paragraph, Text: line})
			open = true
		}
	}
	a.Blocks = blocks
}

func isByline(line string) bool {
	_, ok := parseByline(line)
	return ok
}
