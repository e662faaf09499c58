package render

import (
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
	"kiosk/model/modeltest"
)

func trickyArticle() *model.Article {
	return &model.Article{
		ID: "tricky", Title: "*Not* [a](link) title", Byline: "Ann_Author", Words: 40,
		Blocks: []model.Block{
			{Kind: model.Paragraph, Text: "# Not a heading"},
			{Kind: model.Paragraph, Text: "Some *stars* and _underscores_ here."},
			{Kind: model.Paragraph, Text: "A [link](http://x) and <b>bold</b> &amp; ~~gone~~ `code`."},
			{Kind: model.Paragraph, Text: "1. not a list"},
			{Kind: model.Paragraph, Text: "> not a quote"},
			{Kind: model.Heading, Text: "Eine Überschrift"},
			{Kind: model.ListItem, Text: "ein Punkt"},
		},
	}
}

func TestArticleTextShowsAsWritten(t *testing.T) {
	out, err := Article(trickyArticle(), Options{Width: 80, Dark: true})
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	for _, want := range []string{
		"*Not* [a](link) title", "Ann_Author",
		"# Not a heading", "Some *stars* and _underscores_ here.",
		"A [link](http://x) and <b>bold</b> &amp; ~~gone~~ `code`.",
		"1. not a list", "> not a quote",
	} {
		if !strings.Contains(plain, want) {
			t.Errorf("rendered article lacks %q as written:\n%s", want, plain)
		}
	}
}

func TestArticleMarkdownMarksHeadingsAndLists(t *testing.T) {
	md := Markdown(trickyArticle(), false)
	for _, want := range []string{"\n## Eine Überschrift\n", "\n- ein Punkt\n", "\n\\# Not a heading\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}

func TestMarkdownArticlesKeepTheirMarkup(t *testing.T) {
	a := &model.Article{ID: "m", Title: "Notes", Markdown: true, Blocks: []model.Block{
		{Kind: model.Paragraph, Text: "Some **bold** text."},
		{Kind: model.Heading, Text: "## Section"},
	}}
	md := Markdown(a, false)
	if !strings.Contains(md, "Some **bold** text.") || !strings.Contains(md, "\n## Section\n") {
		t.Errorf("markdown article was escaped or its heading doubled:\n%s", md)
	}
}

func TestCommentsFooterOrHint(t *testing.T) {
	a := article("f", "T", "", "", 10, "Text.")
	shown := ansi.Strip(mustRender(t, a, Options{Comments: true, Dark: true}))
	for _, want := range []string{"Comments · 10", "Aktuell sind 10 Kommentare vorhanden", "Kommentare anzeigen f"} {
		if !strings.Contains(shown, want) {
			t.Errorf("shown footer lacks %q:\n%s", want, shown)
		}
	}
	hidden := ansi.Strip(mustRender(t, a, Options{Dark: true}))
	if strings.Contains(hidden, "Kommentare anzeigen") || !strings.Contains(hidden, "10 comments · press c to show the comments footer") {
		t.Errorf("hidden footer should leave a one-line hint only:\n%s", hidden)
	}
	none := ansi.Strip(mustRender(t, article("n", "T", "", "", -1, "Text."), Options{Dark: true}))
	if strings.Contains(none, "comments") {
		t.Errorf("an article without footer mentions comments:\n%s", none)
	}
}

var boldSGR = regexp.MustCompile(`\x1b\[[0-9;]*;1m|\x1b\[1[;m]`)
var colourSGR = regexp.MustCompile(`\x1b\[[0-9;]*38;5;[0-9]+`)

func TestHeadingsAreBoldAndColoured(t *testing.T) {
	for _, dark := range []bool{true, false} {
		out := mustRender(t, trickyArticle(), Options{Width: 80, Dark: dark})
		var heading, body string
		for _, l := range strings.Split(out, "\n") {
			switch p := ansi.Strip(l); {
			case strings.Contains(p, "Eine Überschrift"):
				heading = l
			case strings.Contains(p, "Some *stars*"):
				body = l
			}
		}
		if !boldSGR.MatchString(heading) || !colourSGR.MatchString(heading) {
			t.Errorf("dark=%v: heading is not bold and coloured: %q", dark, heading)
		}
		if boldSGR.MatchString(body) {
			t.Errorf("dark=%v: body text is bold too, headings would not stand out: %q", dark, body)
		}
	}
}

func TestRenderWrapsToWidth(t *testing.T) {
	seed := modeltest.Seed(t)
	for _, w := range []int{40, 80} {
		for _, l := range strings.Split(mustRender(t, seed, Options{Width: w, Dark: true}), "\n") {
			if lw := ansi.StringWidth(l); lw > w {
				t.Errorf("width %d: line %d wide: %q", w, lw, ansi.Strip(l))
			}
		}
	}
}

func mustRender(t *testing.T, a *model.Article, o Options) string {
	t.Helper()
	out, err := Article(a, o)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRenderCacheIsBoundedAndKeyed(t *testing.T) {
	c := NewCache(2)
	a := modeltest.Seed(t)
	narrow := cachedText(t, c, a, Options{Width: 40, Dark: true})
	wide := cachedText(t, c, a, Options{Width: 80, Dark: true})
	if narrow == wide {
		t.Error("different widths gave the same rendering")
	}
	withComments := cachedText(t, c, a, Options{Width: 80, Dark: true, Comments: true})
	if withComments == wide || !strings.Contains(ansi.Strip(withComments), "Kommentare anzeigen") {
		t.Error("the comments state is not part of the cache key")
	}
	if c.Cached(a, Options{Width: 40, Dark: true}) != nil {
		t.Error("the least recently used rendering was not evicted")
	}
	if c.Cached(a, Options{Width: 80, Dark: true}) == nil || c.Cached(a, Options{Width: 80, Dark: true, Comments: true}) == nil {
		t.Error("the two latest renderings are not both cached")
	}
}

// Run with -race: one cache serves every SSH session at once.
func TestRenderCacheConcurrentUse(t *testing.T) {
	c := NewCache(4)
	a := modeltest.Seed(t)
	want, _ := Article(a, Options{Width: 60, Dark: true})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 10 {
				o := Options{Width: 60 + (i+j)%3*10, Dark: true}
				doc, err := c.Document(a, o)
				if err != nil {
					t.Error(err)
					return
				}
				got := joinLines(doc.Lines)
				if o.Width == 60 && ansi.Strip(got) != strings.TrimLeft(trimmedPlain(want), "\n") {
					t.Error("concurrent rendering differs from a single one")
					return
				}
			}
		})
	}
	wg.Wait()
}

func cachedText(t *testing.T, c *Cache, a *model.Article, o Options) string {
	t.Helper()
	doc, err := c.Document(a, o)
	if err != nil {
		t.Fatal(err)
	}
	return joinLines(doc.Lines)
}

func trimmedPlain(rendered string) string {
	return ansi.Strip(joinLines(NewDocument(&model.Article{}, rendered).Lines))
}

// TestRenderCacheRendersOnceForReadersArrivingTogether: readers who open
// the same article at the same width at the same moment share one render.
func TestRenderCacheRendersOnceForReadersArrivingTogether(t *testing.T) {
	c := NewCache(4)
	a := modeltest.Seed(t)
	o := Options{Width: 70, Dark: true}
	docs := make([]*Document, 100)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range docs {
		wg.Go(func() {
			<-start
			doc, err := c.Document(a, o)
			if err != nil {
				t.Error(err)
			}
			docs[i] = doc
		})
	}
	close(start)
	wg.Wait()
	for i, d := range docs {
		if d != docs[0] {
			t.Fatalf("reader %d got a rendering of its own: the article was rendered more than once", i)
		}
	}
}

// joinLines is a document's lines as text, as a golden file holds it.
func joinLines(lines []string) string { return strings.Join(lines, "\n") + "\n" }
