package model

import (
	"slices"
	"strings"
	"testing"
)

func mustParse(t *testing.T, name, text string) *Article {
	t.Helper()
	a, err := Parse(name, []byte(text))
	if err != nil {
		t.Fatalf("Parse(%q): %v", name, err)
	}
	return a
}

func TestParseBylines(t *testing.T) {
	tests := []struct{ line, want string }{
		{"Von: Ivd", "Ivd"},
		{"Von Ivd", "Ivd"},
		{"By Jane Doe", "Jane Doe"},
		{"BY JANE DOE", "JANE DOE"},
		{"Autor: Max Muster", "Max Muster"},
		{"By Cal Mankowski, Reuters", "Cal Mankowski, Reuters"},
		{"Von unserem Korrespondenten Hans Müller", "unserem Korrespondenten Hans Müller"},
		{"Text: dpa/AFP", "dpa/AFP"},
	}
	for _, tt := range tests {
		a := mustParse(t, "a.txt", tt.line+"\nErster Absatz eines Artikels, lang genug für einen Absatz.\nZweiter Absatz.\n")
		if a.Byline != tt.want {
			t.Errorf("byline of %q = %q, want %q", tt.line, a.Byline, tt.want)
		}
		if strings.Contains(a.Title, tt.line) {
			t.Errorf("byline %q became the title", tt.line)
		}
	}
	for _, notByline := range []string{
		"By the time he was 40, Lee had decided he was too old.",
		"By 2007, Japan's population is expected to peak.",
		"Von der Leyen sagte am Montag, sie werde nicht zurücktreten.",
	} {
		a := mustParse(t, "a.txt", notByline+"\nMore text follows here.\n")
		if a.Byline != "" {
			t.Errorf("%q taken as a byline %q", notByline, a.Byline)
		}
	}
}

func TestParseTitleLine(t *testing.T) {
	a := mustParse(t, "bbc.txt", "Shell boss leaves with payoff\n\nShell is to pay $1m to the ex-finance chief.\n\nShe was leaving by agreement.\n")
	if a.Title != "Shell boss leaves with payoff" {
		t.Errorf("Title = %q", a.Title)
	}
	if a.Blocks[0].Text != "Shell is to pay $1m to the ex-finance chief." {
		t.Errorf("title left in the body: %q", a.Blocks[0].Text)
	}

	long := strings.Repeat("This is one very long line of text without any line break at all ", 30)
	a = mustParse(t, "one.txt", long)
	if len(a.Blocks) != 1 || a.Blocks[0].Kind != Paragraph {
		t.Fatalf("a single long line gave blocks %v", a.Blocks)
	}
	if !strings.HasSuffix(a.Title, "…") || len([]rune(a.Title)) > 91 {
		t.Errorf("derived title %q is not cut near 90 characters", a.Title)
	}

	a = mustParse(t, "short.txt", "Wall Street closes higher after jobs data.\nStocks rose on Friday.\n")
	if a.Title != "Wall Street closes higher after jobs data" {
		t.Errorf("a first line with a full stop is the lead, its sentence the title: got %q", a.Title)
	}
}

func TestParseDatelines(t *testing.T) {
	tests := []struct{ lead, want string }{
		{"Paris/Moskau – Nato-Generalsekretär Mark Rutte warnte.", "Paris/Moskau"},
		{"WASHINGTON (AP) — The Senate voted on Tuesday.", "WASHINGTON"},
		{"NEW YORK, Feb 26 - Stocks rose.", "NEW YORK"},
		{"COMMACK, N.Y., Feb 26 - Computer Terminal Systems Inc said.", "COMMACK, N.Y."},
		{"CHICAGO, March  2 - Bally said.", "CHICAGO"},
		{"Berlin - Die Regierung hat beschlossen.", "Berlin"},
		{"Vote For Me - ITV1's contest for would-be politicians - finally hits our screens.", ""},
		{"Shell - the oil giant - said it would pay.", ""},
		{"The company said profits rose.", ""},
	}
	for _, tt := range tests {
		a := mustParse(t, "a.txt", "Von: X\n"+tt.lead+"\nZweiter Absatz.\n")
		if a.Dateline != tt.want {
			t.Errorf("dateline of %q = %q, want %q", tt.lead, a.Dateline, tt.want)
		}
		if a.Blocks[0].Text != tt.lead {
			t.Errorf("the paragraph lost its dateline: %q", a.Blocks[0].Text)
		}
	}
}

func TestParseParagraphs(t *testing.T) {
	hardWrapped := "HEADLINE OF A WIRE STORY\n\n" +
		"NEW YORK, Feb 26 - The company said it has completed the sale of\n" +
		"200,000 shares of its common stock, and warrants to acquire an\n" +
		"additional one mln shares, to a buyer in Lugano.\n" +
		"    The company said the warrants are exercisable for five\n" +
		"years at a purchase price of .125 dlrs per share.\n" +
		"    Computer Terminal makes labels.\n"
	a := mustParse(t, "wire.txt", hardWrapped)
	want := []string{
		"NEW YORK, Feb 26 - The company said it has completed the sale of 200,000 shares of its common stock, and warrants to acquire an additional one mln shares, to a buyer in Lugano.",
		"The company said the warrants are exercisable for five years at a purchase price of .125 dlrs per share.",
		"Computer Terminal makes labels.",
	}
	if got := texts(a.Blocks); !slices.Equal(got, want) {
		t.Errorf("hard-wrapped paragraphs:\n got %q\nwant %q", got, want)
	}

	blank := "Title line\n\nFirst paragraph is wrapped here\nand continues on this line.\n\nSecond paragraph.\n"
	a = mustParse(t, "blank.txt", blank)
	if got := texts(a.Blocks); !slices.Equal(got, []string{"First paragraph is wrapped here and continues on this line.", "Second paragraph."}) {
		t.Errorf("blank-line paragraphs: %q", got)
	}
}

func TestParseHeadingsAndLists(t *testing.T) {
	text := "Von: X\n" +
		"Erster Absatz mit einem ganzen Satz.\n" +
		"Die Lage in Berlin\n" +
		"Zweiter Absatz nach der Überschrift.\n" +
		"The figures were:\n" +
		"- more spending on schools\n" +
		"* less on roads\n" +
		"• a bullet\n" +
		"The government had claimed tobacco firms\n" +
		" - manipulated nicotine levels\n" +
		"Letzter Absatz.\n"
	a := mustParse(t, "a.txt", text)
	if h := a.Headings(); !slices.Equal(h, []string{"Die Lage in Berlin"}) {
		t.Errorf("headings = %q", h)
	}
	var items []string
	for _, b := range a.Blocks {
		if b.Kind == ListItem {
			items = append(items, b.Text)
		}
	}
	if want := []string{"more spending on schools", "less on roads", "a bullet", "manipulated nicotine levels"}; !slices.Equal(items, want) {
		t.Errorf("list items = %q, want %q", items, want)
	}
}

func TestParseCommentFooters(t *testing.T) {
	tests := []struct {
		footer   string
		count    int
		hasCount bool
	}{
		{"Aktuell sind 10 Kommentare vorhanden\nKommentare anzeigen", 10, true},
		{"12 comments\nShow comments", 12, true},
		{"1 Kommentar", 1, true},
		{"Kommentar schreiben", 0, false},
		{"Keine Kommentare", 0, true},
		{"Comments (3)", 3, true},
	}
	for _, tt := range tests {
		a := mustParse(t, "a.txt", "Von: X\nEin Absatz.\nNoch ein Absatz.\n"+tt.footer+"\n")
		c := a.Comments
		if c == nil {
			t.Errorf("footer %q not found", tt.footer)
			continue
		}
		if c.HasCount != tt.hasCount || c.Count != tt.count {
			t.Errorf("footer %q: count %d (stated %v), want %d (%v)", tt.footer, c.Count, c.HasCount, tt.count, tt.hasCount)
		}
		if got := strings.Join(c.Lines, "\n"); got != tt.footer {
			t.Errorf("footer lines = %q, want %q", got, tt.footer)
		}
		if len(a.Blocks) != 2 {
			t.Errorf("footer %q left in the body: %q", tt.footer, texts(a.Blocks))
		}
	}
	if a := mustParse(t, "a.txt", "Ein Absatz über Kommentare.\nNoch einer.\n"); a.Comments != nil {
		t.Errorf("found a footer where there is none: %+v", a.Comments)
	}
}

func TestParseMarkdown(t *testing.T) {
	md := "# The title\n\nBy Jane Doe\n\nSome *emphasis* and a [link](http://x).\n\n## A section\n\n- one\n- two\n\n```\ncode\n```\n"
	a := mustParse(t, "note.md", md)
	if !a.Markdown || a.Title != "The title" || a.Byline != "Jane Doe" {
		t.Errorf("markdown article = %+v", a)
	}
	want := []Block{
		{Kind: Paragraph, Text: "Some *emphasis* and a [link](http://x)."},
		{Kind: Heading, Text: "A section"},
		{Kind: ListItem, Text: "one"},
		{Kind: ListItem, Text: "two"},
		{Kind: Preformatted, Text: "code"},
	}
	if !slices.Equal(a.Blocks, want) {
		t.Errorf("blocks = %+v\nwant %+v", a.Blocks, want)
	}
}

func TestParseSanitisesText(t *testing.T) {
	a := mustParse(t, "evil.txt", "Title\x1b]0;pwned\x07 here\n\nBody \x1b[2Jtext\u202e.\n")
	for _, s := range append([]string{a.Title}, texts(a.Blocks)...) {
		assertTerminalSafe(t, s)
	}
	if a.Title != "Title here" {
		t.Errorf("Title = %q", a.Title)
	}
}

func TestParseRejectsNonText(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":  {},
		"spaces": []byte(" \n\t\n"),
		"binary": {0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3},
	} {
		if _, err := Parse(name, data); err == nil {
			t.Errorf("Parse(%s) gave no error", name)
		}
	}
}

func texts(blocks []Block) []string {
	var s []string
	for _, b := range blocks {
		s = append(s, b.Text)
	}
	return s
}
