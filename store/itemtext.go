package store

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// itemText is the text of an item's HTML for the search index: its words
// in order, single-spaced, without tags, entities undone, scripts and
// styles left out.
// Searching needs no layout, so this is cheaper than the model's blocks.
func itemText(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.StartTagToken:
			if name, _ := z.TagName(); isUnreadTag(name) {
				skip++
			}
			b.WriteByte(' ')
		case html.EndTagToken:
			if name, _ := z.TagName(); isUnreadTag(name) && skip > 0 {
				skip--
			}
			b.WriteByte(' ')
		case html.SelfClosingTagToken:
			b.WriteByte(' ')
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

func isUnreadTag(name []byte) bool {
	switch atom.Lookup(name) {
	case atom.Script, atom.Style, atom.Template, atom.Noscript:
		return true
	}
	return false
}
