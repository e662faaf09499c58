package model

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"unicode"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"

	"kiosk/model/modeltest/corpus"
)

// extractionF1Floor is the F1 kiosk reached on the test pages when this
// floor was set, less a little; a change that loses text or lets
// boilerplate in fails here.
const extractionF1Floor = 0.995

// testPage is one of Mozilla's Readability test pages.
type testPage struct {
	name             string
	source, expected []byte
}

func loadTestPages(t testing.TB) []testPage {
	t.Helper()
	dir := corpus.Path(t, "pages")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var pages []testPage
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		source, err1 := os.ReadFile(filepath.Join(dir, e.Name(), "source.html"))
		expected, err2 := os.ReadFile(filepath.Join(dir, e.Name(), "expected.html"))
		if err1 != nil || err2 != nil {
			continue
		}
		pages = append(pages, testPage{e.Name(), source, expected})
	}
	if len(pages) == 0 {
		t.Skip("no test pages in the corpus")
	}
	return pages
}

// testPageURL is where Readability's own tests pretend the pages live.
func testPageURL(t testing.TB) *url.URL { return mustURL(t, "http://fakehost/test/page.html") }

// TestPageExtractionQuality scores the text kiosk extracts from each test
// page against the text of the article Readability.js extracts from it,
// with the article-extraction-benchmark's metric, and compares it with
// go-readability's own text output measured in the same run.
func TestPageExtractionQuality(t *testing.T) {
	pages := loadTestPages(t)
	kiosk := make([]shingleCounts, len(pages))
	shown := make([]shingleCounts, len(pages))
	baseline := make([]shingleCounts, len(pages))
	u := testPageURL(t)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(pages); i = int(next.Add(1) - 1) {
				p := pages[i]
				truth := innerText(t, p.expected)
				var text, textShown string
				if a, _, err := readPage(p.name+".html", p.source, u, "", false); err == nil {
					text = blocksText(a.Blocks, false)
				}
				if a, err := ParsePage(p.name+".html", p.source, u, ""); err == nil {
					textShown = blocksText(a.Blocks, true)
				}
				kiosk[i] = compareShingles(truth, text)
				shown[i] = compareShingles(truth, textShown)
				baseline[i] = compareShingles(truth, readabilityText(p.source, u))
			}
		})
	}
	wg.Wait()
	type pageF1 struct {
		name string
		f1   float64
	}
	var worst []pageF1
	for i, p := range pages {
		worst = append(worst, pageF1{p.name, scoreOf(kiosk[i : i+1]).f1})
	}
	k, s, b := scoreOf(kiosk), scoreOf(shown), scoreOf(baseline)
	t.Logf("%d pages, article-extraction-benchmark metric (4-token shingles)", len(pages))
	t.Logf("kiosk text:              precision %.4f  recall %.4f  F1 %.4f", k.precision, k.recall, k.f1)
	t.Logf("kiosk text as shown:     precision %.4f  recall %.4f  F1 %.4f  (with list numbers, [n] link references and [image: …])", s.precision, s.recall, s.f1)
	t.Logf("go-readability text:     precision %.4f  recall %.4f  F1 %.4f  (baseline: Article.RenderText)", b.precision, b.recall, b.f1)
	slices.SortFunc(worst, func(x, y pageF1) int {
		if x.f1 < y.f1 {
			return -1
		}
		if x.f1 > y.f1 {
			return 1
		}
		return strings.Compare(x.name, y.name)
	})
	for _, p := range worst[:min(12, len(worst))] {
		t.Logf("  lowest: %-40s F1 %.3f", p.name, p.f1)
	}
	if k.f1 < extractionF1Floor {
		t.Errorf("F1 %.4f is below its floor %.4f", k.f1, extractionF1Floor)
	}
}

func innerText(t testing.TB, page []byte) string {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Error(err)
		return ""
	}
	return render.InnerText(doc)
}

func readabilityText(page []byte, u *url.URL) string {
	a, err := readability.FromReader(bytes.NewReader(page), u)
	if err != nil || a.Node == nil {
		return ""
	}
	var b strings.Builder
	if err := a.RenderText(&b); err != nil {
		return ""
	}
	return b.String()
}

// blocksText is an article's body as plain text, a block a paragraph, with
// the numbers of ordered items when numbered is true.
func blocksText(blocks []Block, numbered bool) string {
	var b strings.Builder
	for _, blk := range blocks {
		if numbered && blk.Kind == OrderedItem {
			fmt.Fprintf(&b, "%d. ", blk.Number)
		}
		b.WriteString(blk.Text)
		b.WriteString("\n\n")
	}
	return b.String()
}

// shingleCounts are a page's true positives, false positives and false
// negatives over 4-token shingles, normalised to sum to 1.
type shingleCounts struct{ tp, fp, fn float64 }

func compareShingles(truth, pred string) shingleCounts {
	want, got := shingles(truth), shingles(pred)
	var c shingleCounts
	for k, n := range want {
		m := got[k]
		c.tp += float64(min(n, m))
		c.fn += float64(max(0, n-m))
	}
	for k, m := range got {
		c.fp += float64(max(0, m-want[k]))
	}
	if sum := c.tp + c.fp + c.fn; sum > 0 {
		c.tp, c.fp, c.fn = c.tp/sum, c.fp/sum, c.fn/sum
	}
	return c
}

// shingles counts the runs of 4 tokens in s; a text of fewer tokens is
// one shingle. Tokens are runs of letters, digits and '_', as Python's \w.
func shingles(s string) map[string]int {
	tokens := strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '_'
	})
	counts := map[string]int{}
	for i := 0; i < max(1, len(tokens)-3); i++ {
		if sh := strings.Join(tokens[i:min(i+4, len(tokens))], "\x00"); sh != "" {
			counts[sh]++
		}
	}
	return counts
}

type extractionScore struct{ precision, recall, f1 float64 }

// scoreOf is the benchmark's summary: precision and recall are means over
// pages, F1 comes from those means.
func scoreOf(pages []shingleCounts) extractionScore {
	var p, r float64
	var np, nr int
	for _, c := range pages {
		if c.tp+c.fp > 0 {
			p += ratio(c.tp, c.fp, c.fn)
			np++
		}
		if c.tp+c.fn > 0 {
			r += ratio(c.tp, c.fn, c.fp)
			nr++
		}
	}
	var s extractionScore
	if np > 0 {
		s.precision = p / float64(np)
	}
	if nr > 0 {
		s.recall = r / float64(nr)
	}
	if s.precision+s.recall > 0 {
		s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall)
	}
	return s
}

// ratio is tp/(tp+miss), 1 when nothing was missed either way.
func ratio(tp, miss, other float64) float64 {
	switch {
	case miss == 0 && other == 0:
		return 1
	case tp == 0 && miss == 0:
		return 0
	}
	return tp / (tp + miss)
}
