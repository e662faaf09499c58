package render

import (
	"fmt"
	"strings"

	"kiosk/model"
)

// Facts is the line under an article's title in the reader's pane and in
// `kiosk show`: byline · place · reading time. Every part is sanitised to one
// line.
func Facts(a *model.Article) string {
	return strings.Join(facts(a, "min read"), " · ")
}

// RowFacts is the shorter line under a title in the article list: byline ·
// place · minutes · comments.
func RowFacts(a *model.Article) string {
	parts := facts(a, "min")
	if c := a.Comments; c != nil && c.HasCount {
		parts = append(parts, commentsPhrase(c))
	}
	return strings.Join(parts, " · ")
}

// facts are the byline, the place and the reading time, each when known.
func facts(a *model.Article, minutes string) []string {
	var parts []string
	for _, s := range []string{a.Byline, a.Dateline} {
		if s := Field(s); s != "" {
			parts = append(parts, s)
		}
	}
	if a.Words > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", a.ReadingMinutes(), minutes))
	}
	return parts
}

// CommentsHint stands where the hidden comments footer would: how many
// comments there are, and what shows them; how is the key or flag, as in
// "press c".
func CommentsHint(c *model.Comments, how string) string {
	return commentsPhrase(c) + " · " + how + " to show the comments footer"
}

func commentsPhrase(c *model.Comments) string {
	switch {
	case !c.HasCount:
		return "Comments available"
	case c.Count == 1:
		return "1 comment"
	}
	return fmt.Sprintf("%d comments", c.Count)
}
