package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The texts here are written for these tests, shaped like wire copy and
// newspaper files; none comes from the corpus.

const cropTable = "GRAIN OUTLOOK RAISED BY MINISTRY\n" +
	"\n" +
	"Ottawa, May 4 - The farm ministry gave these estimates for the\n" +
	"two seasons, in mln tonnes, against its March figures --\n" +
	"    BARLEY --     1991/92            1990/91\n" +
	"           05/04/91 03/04/91  05/04/91 03/04/91\n" +
	" Area (mln ha) --\n" +
	"     Sown      4.1     4.0      4.4     4.4\n" +
	"     Cut       3.9     3.8      4.2     4.2\n" +
	"  Note - Area in mln hectares. Season begins\n" +
	"August 1.\n" +
	"  Stocks       1,205   1,190    1,020   1,020\n" +
	"    The ministry will revise the figures in June.\n" +
	" Reuter\n"

func TestParseTableIsOnePreformattedBlock(t *testing.T) {
	a := mustParse(t, "crop.txt", cropTable)
	var pre []Block
	for _, b := range a.Blocks {
		if b.Kind == Preformatted {
			pre = append(pre, b)
		}
	}
	if len(pre) != 1 {
		t.Fatalf("want one preformatted block, got %d: %+v", len(pre), a.Blocks)
	}
	lines := strings.Split(cropTable, "\n")
	want := strings.Join(lines[4:12], "\n")
	if pre[0].Text != want {
		t.Errorf("table text:\n%s\nwant (as written):\n%s", pre[0].Text, want)
	}
	if a.Blocks[0].Kind != Paragraph || !strings.HasSuffix(a.Blocks[0].Text, "figures --") {
		t.Errorf("the lead before the table should stay a paragraph: %+v", a.Blocks[0])
	}
	if after := a.Blocks[2]; after.Text != strings.TrimSpace(lines[12]) {
		t.Errorf("the paragraph after the table = %q", after.Text)
	}
}

func TestParseTabsAndFigureRowsArePreformatted(t *testing.T) {
	tabs := "Fund prices\n\nThe closing prices were:\n\nAlpha\t12.50\t+0.20\nBeta\t8.75\t-0.05\n\nPrices are in dollars.\n"
	a := mustParse(t, "tabs.txt", tabs)
	if got := kinds(a.Blocks); !slices.Equal(got, []BlockKind{Paragraph, Preformatted, Paragraph}) {
		t.Errorf("tab-separated data: kinds %v", got)
	}
	if a.Blocks[1].Text != "Alpha\t12.50\t+0.20\nBeta\t8.75\t-0.05" {
		t.Errorf("tabs not kept: %q", a.Blocks[1].Text)
	}

	earnings := "ACME WIDGETS 2ND QTR NET\n\n" +
		"DAYTON, Ohio, July 9 - Shr 41 cts vs 30 cts\n" +
		"    Net 4,100,000 vs 3,050,000\n" +
		"    Revs 52.3 mln vs 47.9 mln\n" +
		"    Six mths\n" +
		"    Shr 77 cts vs 58 cts\n" +
		"    Net 7,700,000 vs 5,800,000\n" +
		" Reuter\n"
	a = mustParse(t, "earn.txt", earnings)
	if got := kinds(a.Blocks); !slices.Equal(got, []BlockKind{Paragraph, Preformatted, Paragraph}) {
		t.Fatalf("earnings rows: kinds %v: %q", got, texts(a.Blocks))
	}
	if !strings.HasPrefix(a.Blocks[1].Text, "Net 4,100,000 vs 3,050,000\nRevs 52.3 mln") {
		t.Errorf("rows of figures not kept line by line: %q", a.Blocks[1].Text)
	}
}

func TestParseNeverSplitsASentence(t *testing.T) {
	tests := map[string]string{
		// A short story whose first line ends in an initial.
		"initial": "HARBOUR BOARD NAMES CHAIRMAN\n\nDUBLIN, June 3 - <Harbour Holdings> said Mary K.\nDonovan was named chairman and chief executive, replacing\nPeter Walsh who retired.\n    Walsh stays on the board.\n",
		// A blank line in the middle of a sentence.
		"blank": "Port strike ends\n\nLISBON, June 3 - Dock workers at the port of\n\nLisbon ended their strike, a union said.\n",
		// The last words of a sentence alone on a line.
		"tail": "Dividend news\n\nACME said its quarterly dividend is payable to holders of record June\n24.\n    The company also said it would buy back shares from its holders.\n",
	}
	for name, text := range tests {
		a := mustParse(t, name+".txt", text)
		for _, b := range a.Blocks {
			if b.Kind == Heading {
				t.Errorf("%s: a piece of a sentence became a heading: %q", name, b.Text)
			}
		}
		if !endsSentence(a.Blocks[0].Text) {
			t.Errorf("%s: first paragraph is cut mid-sentence: %q", name, a.Blocks[0].Text)
		}
	}
	a := mustParse(t, "indent.txt", tests["initial"])
	if got := texts(a.Blocks); len(got) != 2 || got[1] != "Walsh stays on the board." {
		t.Errorf("an indented line should start a new paragraph: %q", got)
	}
}

func TestParseHeadingsNeedStrongEvidence(t *testing.T) {
	notHeadings := []string{
		"Die Gespräche in Berlin,",         // ends with a comma
		"Die Gespräche über die",           // ends on a function word
		"Sunflowerseed total 15.0 (7.9)",   // a row of figures
		"Deutsche Mark 2.33983 (3.06809)",  // another
		"Planted   76.7    76.7     83.4",  // a table row
		"Leathley was appointed president", // the next line goes on in lower case
	}
	for _, line := range notHeadings {
		next := "Der nächste Absatz beginnt hier und endet mit einem Punkt."
		if strings.HasPrefix(line, "Leathley") {
			next = "and chief executive on Monday."
		}
		text := "Von: X\nErster Absatz mit einem ganzen Satz.\n" + line + "\n" + next + "\nLetzter Absatz.\n"
		a := mustParse(t, "h.txt", text)
		if h := a.Headings(); len(h) > 0 {
			t.Errorf("%q became a heading", line)
		}
	}
	a := mustParse(t, "h.txt", "Von: X\nErster Absatz mit einem ganzen Satz.\nDie Lage in Berlin\nZweiter Absatz nach der Überschrift.\nLetzter Absatz.\n")
	if h := a.Headings(); !slices.Equal(h, []string{"Die Lage in Berlin"}) {
		t.Errorf("a real heading was lost: %q", h)
	}
}

func TestParseTitlesAndBylines(t *testing.T) {
	body := "\n\nHAMBURG, May 2 - The port handled more containers than ever.\nIts owners were pleased with the result.\n"
	tests := []struct {
		name, text, title, byline string
	}{
		{"caps headline with a full stop", "PORT TRAFFIC RISES IN U.S." + body, "PORT TRAFFIC RISES IN U.S.", ""},
		{"byline under the headline", "PORT TRAFFIC RISES\nBy Sean O'Brien, Reuters" + body, "PORT TRAFFIC RISES", "Sean O'Brien, Reuters"},
		{"caps author above the title", "ANNA MÜLLER\nNeue Wege für den Nahverkehr\n\nDie Stadt plant neue Linien.\nDer Rat stimmt im Mai ab.\n", "Neue Wege für den Nahverkehr", "ANNA MÜLLER"},
		{"correspondent", "Von unserem Korrespondenten Jan Berger\nDie Stadt plant neue Linien.\nDer Rat stimmt im Mai ab.\n", "", "unserem Korrespondenten Jan Berger"},
		{"two authors", "Neue Linien\n\nVon Jan Berger und Eva Roth\n\nDie Stadt plant neue Linien.\nDer Rat stimmt im Mai ab.\n", "Neue Linien", "Jan Berger und Eva Roth"},
		{"Autor:", "Autor: Eva Roth\nDie Stadt plant neue Linien.\nDer Rat stimmt im Mai ab.\n", "", "Eva Roth"},
		{"Text:", "Neue Linien\n\nText: Eva Roth\n\nDie Stadt plant neue Linien.\nDer Rat stimmt im Mai ab.\n", "Neue Linien", "Eva Roth"},
		{"agency line", "Neue Linien\n(dpa)\n\nDie Stadt plant neue Linien.\nDer Rat stimmt im Mai ab.\n", "Neue Linien", "dpa"},
		{"agency in the dateline", "Neue Linien\n\nBerlin (AFP) - Die Stadt plant neue Linien.\nDer Rat stimmt im Mai ab.\n", "Neue Linien", "AFP"},
	}
	for _, tt := range tests {
		a := mustParse(t, "a.txt", tt.text)
		if tt.title != "" && a.Title != tt.title {
			t.Errorf("%s: title %q, want %q", tt.name, a.Title, tt.title)
		}
		if a.Byline != tt.byline {
			t.Errorf("%s: byline %q, want %q", tt.name, a.Byline, tt.byline)
		}
		for _, b := range a.Blocks {
			if (tt.title != "" && b.Text == tt.title) || (tt.byline != "" && strings.Contains(b.Text, tt.byline) && tt.byline != "AFP") {
				t.Errorf("%s: title or byline left in the body: %q", tt.name, b.Text)
			}
		}
	}
	a := mustParse(t, "a.txt", "PORT TRAFFIC RISES IN U.S."+body)
	if a.Dateline != "HAMBURG" {
		t.Errorf("dateline lost under a caps headline: %q", a.Dateline)
	}
}

func TestParseResolvesCharacterReferences(t *testing.T) {
	a := mustParse(t, "refs.txt", "Shops &amp; cafés\n\nIt cost &#163;1.8m, sagte M&auml;rz &#x263A; &#27;[2J.\nMore text.\n")
	if a.Title != "Shops & cafés" {
		t.Errorf("title = %q", a.Title)
	}
	if got := a.Blocks[0].Text; got != "It cost £1.8m, sagte März ☺ ." {
		t.Errorf("body = %q: references not resolved, or an escape let through", got)
	}
	for in, want := range map[string]string{
		"AT&T and R&D; &amp without a semicolon": "AT&T and R&D; &amp without a semicolon",
		"&;&#;&nosuchname; & &&amp;":             "&;&#;&nosuchname; & &&",
		"&lt;b&gt; &#x41;&#66;":                  "<b> AB",
	} {
		if got := resolveReferences(in); got != want {
			t.Errorf("resolveReferences(%q) = %q, want %q", in, got, want)
		}
	}
	md := mustParse(t, "refs.md", "# T\n\nAT&amp;T\n")
	if md.Blocks[0].Text != "AT&amp;T" {
		t.Errorf("markdown keeps its references for the markdown renderer: %q", md.Blocks[0].Text)
	}
}

func TestParseNumberedItemsAndQuotes(t *testing.T) {
	a := mustParse(t, "l.txt", "Von: X\nDer Plan\n\nThe plan has three steps:\n1. Build the road.\n2. Open the station.\n3. Run the trains.\n> A quoted line\n> that goes on.\nLetzter Absatz.\n")
	var got []string
	for _, b := range a.Blocks {
		got = append(got, fmt.Sprintf("%v %d %s", b.Kind, b.Number, b.Text))
	}
	want := []string{
		"paragraph 0 The plan has three steps:",
		"ordered_item 1 Build the road.",
		"ordered_item 2 Open the station.",
		"ordered_item 3 Run the trains.",
		"quote 0 A quoted line that goes on.",
		"paragraph 0 Letzter Absatz.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("blocks:\n%q\nwant\n%q", got, want)
	}
}

func TestParseMarkdownBlocks(t *testing.T) {
	md := "# Guide\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n1. one\n2. two\n\n> quoted\n> text\n\n~~~go\nx :=  1\n\ty := 2\n~~~\n"
	a := mustParse(t, "g.md", md)
	want := []Block{
		{Kind: Paragraph, Text: "| a | b |\n|---|---|\n| 1 | 2 |"},
		{Kind: OrderedItem, Text: "one", Number: 1},
		{Kind: OrderedItem, Text: "two", Number: 2},
		{Kind: Quote, Text: "quoted\ntext"},
		{Kind: Preformatted, Text: "x :=  1\n\ty := 2"},
	}
	if !slices.Equal(a.Blocks, want) {
		t.Errorf("blocks = %+v\nwant %+v", a.Blocks, want)
	}
}

func kinds(blocks []Block) []BlockKind {
	var k []BlockKind
	for _, b := range blocks {
		k = append(k, b.Kind)
	}
	return k
}
