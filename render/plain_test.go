package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

func plainArticle(t *testing.T, a *model.Article, width int, comments bool) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteArticle(&b, a, width, comments); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWritePlainArticleLayout(t *testing.T) {
	a := &model.Article{
		Title:  "A short title",
		Byline: "Jane Doe",
		Blocks: []model.Block{
			{Kind: model.Paragraph, Text: "One two three four five six seven eight nine ten."},
			{Kind: model.Heading, Text: "A section"},
			{Kind: model.ListItem, Text: "alpha beta gamma delta epsilon zeta eta theta"},
		},
		Comments: &model.Comments{Count: 3, HasCount: true, Lines: []string{"3 comments", "Show comments"}},
		Words:    30,
	}
	want := `A short title
=============
Jane Doe · 1 min read

One two three four five six seven
eight nine ten.

A section
---------

- alpha beta gamma delta epsilon
  zeta eta theta
`
	if got := plainArticle(t, a, 36, false); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	footer := "\n-------------\n3 comments\nShow comments\n"
	if got := plainArticle(t, a, 36, true); got != want+footer {
		t.Errorf("with comments, got:\n%s\nwant:\n%s", got, want+footer)
	}
}

func TestWritePlainArticleKeepsLongWordsWhole(t *testing.T) {
	url := "https://example.com/" + strings.Repeat("a", 60)
	a := &model.Article{Blocks: []model.Block{{Kind: model.Paragraph, Text: "See " + url + " for more."}}}
	if got := plainArticle(t, a, 40, false); !strings.Contains(got, "\n"+url+"\n") {
		t.Errorf("the link was broken:\n%s", got)
	}
}

func TestWriteListOneLinePerArticle(t *testing.T) {
	lib := &model.Library{Articles: []*model.Article{
		{ID: "1", Key: "k1", Title: "First\tarticle", Byline: "Ann", Comments: &model.Comments{Count: 2, HasCount: true}},
		{ID: "2", Key: "k2", Title: "Second\narticle", Comments: &model.Comments{}},
		{ID: "3", Key: "k3", Title: "Third"},
	}}
	marks := fakeMarks{"k1": {true, false}, "k2": {false, true}}
	var b bytes.Buffer
	if err := WriteList(&b, lib, marks); err != nil {
		t.Fatal(err)
	}
	want := "1\tFirst article\tAnn\t2\tread\t\n2\tSecond article\t\t\tunread\tstarred\n3\tThird\t\t\tunread\t\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// fakeMarks holds read and starred marks by article key.
type fakeMarks map[string][2]bool

func (m fakeMarks) Marks(key string) (read, starred bool) { return m[key][0], m[key][1] }

// FuzzPlainOutputIsInert feeds article fields that skipped sanitising (as
// a bug upstream could let through) to the plain writers: their output must
// still hold no control character or escape sequence.
func FuzzPlainOutputIsInert(f *testing.F) {
	f.Add("T\x1b]0;x\x07", "B\x9b2J", "P\x1b[31mred", "H\u202e", "F\x00\r")
	f.Fuzz(func(t *testing.T, title, byline, para, heading, footer string) {
		a := &model.Article{
			Title: title, Byline: byline, Dateline: byline,
			Blocks: []model.Block{
				{Kind: model.Paragraph, Text: para},
				{Kind: model.Heading, Text: heading},
				{Kind: model.ListItem, Text: para},
			},
			Comments: &model.Comments{Lines: []string{footer}},
			Words:    len(para),
		}
		var b bytes.Buffer
		if err := WriteList(&b, &model.Library{Articles: []*model.Article{a}}, nil); err != nil {
			t.Fatal(err)
		}
		for _, width := range []int{1, 20, 80} {
			if err := WriteArticle(&b, a, width, true); err != nil {
				t.Fatal(err)
			}
		}
		out := b.String()
		if model.Sanitize(out) != out || strings.Contains(out, "\x1b") {
			t.Fatalf("output holds controls: %q", out)
		}
		if ansi.Strip(out) != out {
			t.Fatalf("output holds escape sequences: %q", out)
		}
	})
}
