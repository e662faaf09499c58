// Package modeltest makes articles and libraries for other packages' tests.
package modeltest

import (
	"fmt"
	"strings"
	"testing"

	"kiosk/model"
	"kiosk/seeds"
)

// SeedName is the file name of the embedded seed article.
const SeedName = "000_36dbd7c5854988d2.txt"

// Article makes an article with the given title and paragraphs (a paragraph
// that starts with "## " is a heading), and a comments footer with a count
// when comments >= 0.
func Article(id, title, byline, dateline string, comments int, paragraphs ...string) *model.Article {
	a := &model.Article{ID: id, Key: id, Source: id + ".txt", Title: title, Byline: byline, Dateline: dateline}
	for _, p := range paragraphs {
		kind := model.Paragraph
		if t, ok := strings.CutPrefix(p, "## "); ok {
			kind, p = model.Heading, t
		}
		a.Blocks = append(a.Blocks, model.Block{Kind: kind, Text: p})
		a.Words += len(strings.Fields(p))
	}
	if comments >= 0 {
		a.Comments = &model.Comments{Count: comments, HasCount: true, Lines: []string{
			fmt.Sprintf("Aktuell sind %d Kommentare vorhanden", comments), "Kommentare anzeigen " + id,
		}}
	}
	return a
}

// Seed is the embedded seed article, parsed.
func Seed(t testing.TB) *model.Article {
	t.Helper()
	data, err := seeds.FS.ReadFile(SeedName)
	if err != nil {
		t.Fatal(err)
	}
	a, err := model.Parse(SeedName, data)
	if err != nil {
		t.Fatal(err)
	}
	a.Key = "embedded:" + SeedName
	return a
}
