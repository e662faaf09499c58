package render

import (
	"os"
	"slices"
	"testing"

	"kiosk/model"
	"kiosk/model/modeltest"
	"kiosk/model/modeltest/corpus"
)

// sharedCorpus reads a file of the shared corpus, or skips the test when
// the corpus is not there.
func sharedCorpus(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(corpus.Path(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// progressive renders a in chunks of at least first and rest bytes and
// appends them, as the reader does.
func progressive(t *testing.T, a *model.Article, o Options, first, rest int) (*Document, int) {
	t.Helper()
	c := split(a, o, first, rest)
	doc := &Document{}
	for i := range c.Len() {
		part, err := c.Render(i)
		if err != nil {
			t.Fatal(err)
		}
		doc.Append(part)
	}
	return doc, c.Len()
}

func oneShot(t *testing.T, a *model.Article, o Options) *Document {
	t.Helper()
	out, err := Article(a, o)
	if err != nil {
		t.Fatal(err)
	}
	return NewDocument(a, out)
}

func TestChunkedRenderingEqualsTheWholeArticle(t *testing.T) {
	chunkedEqualsWhole(t, map[string]*model.Article{
		"seed": modeltest.Seed(t),
		"headings": article("h", "Title", "Ann", "Berlin", 3,
			"First paragraph of the text.", "Second paragraph.", "## A heading", "Third paragraph.",
			"Fourth paragraph.", "## Another heading", "## Right after it", "Fifth paragraph.", "Last paragraph."),
	})
}

func TestChunkedRenderingEqualsTheWholeBBCArticle(t *testing.T) {
	bbc, err := model.Parse("business--bbc.txt", sharedCorpus(t, "bbc/business--1m-payoff-for-former-shell-boss.txt"))
	if err != nil {
		t.Fatal(err)
	}
	chunkedEqualsWhole(t, map[string]*model.Article{"bbc": bbc})
}

// chunkedEqualsWhole checks that each article, rendered in chunks of every
// size and appended, gives the lines, plain lines and anchors of its whole
// rendering.
func chunkedEqualsWhole(t *testing.T, articles map[string]*model.Article) {
	t.Helper()
	for name, a := range articles {
		for _, o := range []Options{
			{Width: 80, Dark: true}, {Width: 60, Comments: true}, {Width: 100, Comments: true},
		} {
			want := oneShot(t, a, o)
			for _, size := range []int{1, 200, 1 << 20} {
				got, chunks := progressive(t, a, o, size, size)
				if size == 1 && chunks < 3 {
					t.Fatalf("%s: split into %d chunks, want one per pair of paragraphs", name, chunks)
				}
				if !slices.Equal(got.Lines, want.Lines) {
					t.Errorf("%s %+v in chunks of %d bytes: lines differ from the whole rendering\n got: %q\nwant: %q",
						name, o, size, got.Lines, want.Lines)
				}
				if !slices.Equal(got.Plain, want.Plain) {
					t.Errorf("%s %+v in chunks of %d bytes: plain lines differ", name, o, size)
				}
				if !slices.Equal(got.Anchors, want.Anchors) {
					t.Errorf("%s %+v in chunks of %d bytes: anchors %v, want %v", name, o, size, got.Anchors, want.Anchors)
				}
			}
		}
	}
}
