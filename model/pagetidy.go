package model

import (
	"strings"

	"golang.org/x/net/html"
)

// dropRepeatedByline removes a short paragraph near the top of a page's
// body that only repeats the byline (with a date or a comment count), as
// the byline is shown above the body already.
func dropRepeatedByline(a *Article) {
	if a.Byline == "" {
		return
	}
	for i, b := range a.Blocks[:min(3, len(a.Blocks))] {
		if b.Kind != Paragraph || countWords(b.Text) > countWords(a.Byline)+8 {
			continue
		}
		text := strings.TrimSpace(b.Text)
		if len(text) > 3 && strings.EqualFold(text[:3], "by ") {
			text = strings.TrimSpace(text[3:])
		}
		if len(text) >= len(a.Byline) && strings.EqualFold(text[:len(a.Byline)], a.Byline) {
			a.Blocks = append(a.Blocks[:i], a.Blocks[i+1:]...)
			return
		}
	}
}

// dropScreenReaderText removes what a page shows only to screen readers
// ("Media caption", "Skip to content"): kiosk shows what a sighted reader
// sees. go-readability strips classes from its output, so this runs on the
// page before it.
func dropScreenReaderText(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && isScreenReaderOnly(c) {
			n.RemoveChild(c)
		} else {
			dropScreenReaderText(c)
		}
		c = next
	}
}

// isScreenReaderOnly reports whether an element carries one of the common
// classes that hide text from the screen but not from screen readers.
func isScreenReaderOnly(n *html.Node) bool {
	class, ok := attr(n, "class")
	if !ok {
		return false
	}
	for _, c := range strings.Fields(strings.ToLower(class)) {
		switch c {
		case "sr-only", "screen-reader-text", "screen-reader-only", "visually-hidden",
			"visuallyhidden", "off-screen", "offscreen", "element-invisible", "a11y-only":
			return true
		}
	}
	return false
}
