package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func article(id, title, body string, headings ...string) *Article {
	a := &Article{ID: id, Title: title, Blocks: []Block{{Kind: Paragraph, Text: body}}}
	for _, h := range headings {
		a.Blocks = append(a.Blocks, Block{Kind: Heading, Text: h}, Block{Kind: Paragraph, Text: "More text."})
	}
	return a
}

func ids(results []Result) []string {
	var s []string
	for _, r := range results {
		s = append(s, r.Article.ID)
	}
	return s
}

func testLibrary(articles ...*Article) *Library {
	return &Library{Articles: articles}
}

func TestSearchRanksTitleAboveHeadingAboveBody(t *testing.T) {
	lib := testLibrary(
		article("body", "Weather", "The Nordkorea talks went on."),
		article("title", "Nordkorea talks", "Nothing else."),
		article("heading", "World", "Text.", "Nordkorea today"),
		article("none", "Sport", "Football."),
		article("body-twice", "Markets", "Nordkorea, Nordkorea and Nordkorea again."),
	)
	want := []string{"title", "heading", "body-twice", "body"}
	if got := ids(lib.Search("nordkorea")); !slices.Equal(got, want) {
		t.Errorf("ranking = %v, want %v", got, want)
	}
}

func TestSearchAccentsPrefixesWordsAndPhrases(t *testing.T) {
	lib := testLibrary(
		article("munich", "Stadt", "In München an der Hauptstraße regnet es."),
		article("newyork", "Stocks", "Shares rose in New York on Friday."),
		article("york", "Yorkshire", "New houses in York were sold."),
	)
	tests := []struct {
		query string
		want  []string
	}{
		{"munchen", []string{"munich"}},
		{"MÜNCHEN", []string{"munich"}},
		{"hauptstrasse", []string{"munich"}},
		{"münch", []string{"munich"}},
		{"new york", []string{"newyork", "york"}},
		{`"new york"`, []string{"newyork"}},
		{`"york new"`, nil},
		{"york shares", []string{"newyork"}},
		{"york zebra", nil},
		{`""`, nil},
	}
	for _, tt := range tests {
		got := ids(lib.Search(tt.query))
		slices.Sort(got)
		want := slices.Clone(tt.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("Search(%s) = %v, want %v", tt.query, got, want)
		}
	}
}

func TestSearchSnippetHighlightsMatches(t *testing.T) {
	lib := testLibrary(article("a", "Title", "Der Streit in München geht weiter, sagt man in München."))
	res := lib.Search("munchen")
	if len(res) != 1 {
		t.Fatalf("got %d results", len(res))
	}
	snip, marks := res[0].Snippet()
	var marked []string
	for _, h := range marks {
		marked = append(marked, snip[h[0]:h[1]])
	}
	if !slices.Equal(marked, []string{"München", "München"}) {
		t.Errorf("highlights in %q = %q", snip, marked)
	}
}

func TestIndexAddReplaceRemove(t *testing.T) {
	a := article("a", "Alpha", "Zebras run.")
	b := article("b", "Beta", "Lions sleep.")
	ix := NewIndex([]*Article{a, b})
	find := func(term string) []string {
		var s []string
		for _, h := range ix.search([]string{term}) {
			s = append(s, h.article.ID)
		}
		return s
	}
	if got := find("zebra"); !slices.Equal(got, []string{"a"}) {
		t.Fatalf("zebra: %v", got)
	}
	ix.Remove(a)
	if got := find("zebra"); got != nil {
		t.Errorf("removed article still found: %v", got)
	}
	b.Blocks = []Block{{Kind: Paragraph, Text: "Tigers hunt."}}
	ix.Add(b)
	if got := find("lions"); got != nil {
		t.Errorf("old text of a replaced article still found: %v", got)
	}
	if got := find("tiger"); !slices.Equal(got, []string{"b"}) {
		t.Errorf("new text not found: %v", got)
	}
	c := article("c", "Gamma", "Zebras again.")
	ix.Add(c)
	if got := find("zebra"); !slices.Equal(got, []string{"c"}) {
		t.Errorf("added article not found: %v", got)
	}
}

func TestPostingPacksSlotFieldsAndCount(t *testing.T) {
	for _, c := range []struct{ slot, tf int }{{0, 1}, {maxSlots - 1, maxTF}, {12345, 500}} {
		p := newPosting(c.slot, fieldTitle|fieldComments, c.tf)
		if p.slot() != c.slot || p.fields() != fieldTitle|fieldComments || p.tf() != min(c.tf, maxTF) {
			t.Errorf("posting %s round trip: slot %d fields %b tf %d", fmt.Sprint(c), p.slot(), p.fields(), p.tf())
		}
	}
}

func TestIndexSearchWhileAdding(t *testing.T) {
	ix := NewIndex(nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 200 {
			ix.Add(article(fmt.Sprint(i), "Zebra", fmt.Sprintf("word%d", i)))
		}
	}()
	for range 200 {
		ix.search([]string{"zebra"})
	}
	<-done
	if n := len(ix.search([]string{"zebra"})); n != 200 {
		t.Errorf("found %d of 200 articles", n)
	}
}

func TestSearchSnippetShowsTheRarerWord(t *testing.T) {
	lib := testLibrary(
		article("a", "A", "Gespräche mit vielen. "+strings.Repeat("Dann geschah lange nichts. ", 10)+"Später traf er sich mit Putin in Moskau."),
		article("b", "B", "Ein Treffen mit Freunden."),
		article("c", "C", "Kaffee mit Milch."),
	)
	res := lib.Search("mit putin")
	if len(res) != 1 {
		t.Fatalf("got %d results", len(res))
	}
	if snip, _ := res[0].Snippet(); !strings.Contains(snip, "Putin") || strings.Contains(snip, "Gespräche") {
		t.Errorf("snippet %q does not centre on Putin", snip)
	}
}

func TestIndexStaysSmallWhileArticlesChange(t *testing.T) {
	a := article("a", "Alpha", "Zebras run.")
	ix := NewIndex([]*Article{a})
	for i := range 1000 {
		next := article("a", "Alpha", fmt.Sprintf("Zebras run %d.", i))
		ix.Remove(a)
		ix.Add(next)
		a = next
	}
	if len(ix.docs) > 200 {
		t.Errorf("after 1000 changes of one article the index has %d slots", len(ix.docs))
	}
	if got := ix.search([]string{"zebra"}); len(got) != 1 || got[0].article != a {
		t.Errorf("search after compaction found %v", got)
	}
}
