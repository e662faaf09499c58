package render

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

// Headings look like headings in every style: bold, without glamour's
// literal "##" marker; and no rule stands above the comments hint.
func TestHeadingsHaveNoMarkersAndNoStrayRule(t *testing.T) {
	a := &model.Article{ID: "h", Title: "Title", Words: 10,
		Blocks: []model.Block{
			{Kind: model.Paragraph, Text: "First paragraph."},
			{Kind: model.Heading, Text: "Eine Überschrift"},
			{Kind: model.Paragraph, Text: "Second paragraph."},
		},
		Comments: &model.Comments{Count: 2, HasCount: true, Lines: []string{"2 Kommentare"}},
	}
	for _, o := range []Options{{Dark: true}, {Dark: false}} {
		styled := mustRender(t, a, o)
		plain := ansi.Strip(styled)
		if strings.Contains(plain, "#") {
			t.Errorf("%+v: a literal heading marker is shown:\n%s", o, plain)
		}
		if strings.Contains(plain, "---") {
			t.Errorf("%+v: a rule stands above the comments hint:\n%s", o, plain)
		}
		line := lineWith(styled, "Eine Überschrift")
		if !strings.Contains(line, "\x1b[1m") && !strings.Contains(line, ";1m") && !strings.Contains(line, "[1;") {
			t.Errorf("%+v: the heading is not bold: %q", o, line)
		}
	}
}

// A preformatted block is drawn line for line as written, however narrow
// the column: glamour would wrap it as a code block.
func TestPreformattedIsNeverWrapped(t *testing.T) {
	row := "Oslo-Kiel      102,400      96,100       +6.6         410,200"
	a := &model.Article{ID: "p", Title: "T", Words: 10, Blocks: []model.Block{
		{Kind: model.Paragraph, Text: "Lead."},
		{Kind: model.Preformatted, Text: "Route\tMay\n" + row},
	}}
	plain := ansi.Strip(mustRender(t, a, Options{Width: 30, Dark: true}))
	if !strings.Contains(plain, "\n    "+row+"\n") {
		t.Errorf("row wrapped or changed:\n%s", plain)
	}
	if !strings.Contains(plain, "\n    Route   May\n") {
		t.Errorf("tab not expanded to the next tab stop:\n%s", plain)
	}
	if md := Markdown(a, false); !strings.Contains(md, "```\nRoute\tMay\n"+row+"\n```\n") {
		t.Errorf("markdown export should fence the block as written:\n%s", md)
	}
}

func lineWith(s, text string) string {
	for line := range strings.SplitSeq(s, "\n") {
		if strings.Contains(ansi.Strip(line), text) {
			return line
		}
	}
	return ""
}
