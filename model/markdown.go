package model

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	mdHeading  = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdListItem = regexp.MustCompile(`^\s{0,3}(?:[-*+]|(\d{1,9})[.)])\s+(\S.*)$`)
	mdQuote    = regexp.MustCompile(`^\s{0,3}>\s?(.*)$`)
	mdFence    = regexp.MustCompile("^\\s{0,3}(`{3,}|~{3,})")
)

// parseMarkdown reads a markdown file: its first "#" heading is the title,
// other headings are section headings, list items, numbered items and block
// quotes are blocks of their kinds, fenced code is a preformatted block, and
// markup is kept as written. Paragraph lines keep their line breaks, so a
// table stays a table.
func parseMarkdown(a *Article, lines []string) {
	lines, a.Comments = splitFooter(lines)
	var blocks []Block
	var fence string // the fence of the open code block
	var code []string
	open := false // the last block takes the next line
	for _, line := range lines {
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if closesFence(trimmed, fence) {
				blocks = append(blocks, Block{Kind: Preformatted, Text: strings.Join(code, "\n")})
				fence, code = "", nil
			} else {
				code = append(code, line)
			}
			continue
		}
		switch {
		case mdFence.MatchString(line):
			fence, open = mdFence.FindStringSubmatch(line)[1], false
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
		case mdQuote.MatchString(line):
			text := mdQuote.FindStringSubmatch(line)[1]
			if n := len(blocks); open && blocks[n-1].Kind == Quote {
				blocks[n-1].Text += "\n" + text
			} else {
				blocks = append(blocks, Block{Kind: Quote, Text: text})
			}
			open = true
		case mdListItem.MatchString(line):
			m := mdListItem.FindStringSubmatch(line)
			if m[1] != "" {
				n, _ := strconv.Atoi(m[1])
				blocks = append(blocks, Block{Kind: OrderedItem, Text: m[2], Number: n})
			} else {
				blocks = append(blocks, Block{Kind: ListItem, Text: m[2]})
			}
			open = true
		case open:
			last := &blocks[len(blocks)-1]
			if last.Kind == Paragraph {
				last.Text += "\n" + line
			} else {
				last.Text += "\n" + trimmed
			}
		default:
			blocks = append(blocks, Block{Kind: Paragraph, Text: line})
			open = true
		}
	}
	if fence != "" { // a code block left open runs to the end of the file
		blocks = append(blocks, Block{Kind: Preformatted, Text: strings.Join(code, "\n")})
	}
	a.Blocks = blocks
}

// closesFence reports whether a line closes a code block opened by fence:
// the same character, at least as many, and nothing else.
func closesFence(trimmed, fence string) bool {
	return len(trimmed) >= len(fence) && strings.Trim(trimmed, fence[:1]) == ""
}

func isByline(line string) bool {
	_, ok := parseByline(line)
	return ok
}
