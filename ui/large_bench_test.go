package ui

import (
	"slices"
	"testing"

	"charm.land/lipgloss/v2"

	"kiosk/model"
	"kiosk/model/modeltest"
)

// largeSize is the size of the article in the large-article benchmarks.
const largeSize = 10 << 20

// largePane is a reader at 100×30 with a 10 MB article open and rendered.
func largePane(b *testing.B) *Model {
	b.Helper()
	a := modeltest.LongArticle(largeSize)
	m := newReader(&model.Library{Name: "large", Articles: []*model.Article{a}}, 100, 30)
	m.Update(press("enter"))
	for nextChunk(b, m) {
	}
	return m
}

// BenchmarkLargeArticleFirstScreen is what the reader waits for between
// Enter on a 10 MB article and its first screen: the first chunk rendered,
// shown and drawn. BenchmarkLargeArticle/whole in package render is the
// baseline: the whole article rendered before anything is shown.
func BenchmarkLargeArticleFirstScreen(b *testing.B) {
	a := modeltest.LongArticle(largeSize)
	m := newReader(&model.Library{Name: "large", Articles: []*model.Article{a}}, 100, 30)
	b.ReportAllocs()
	for b.Loop() {
		m.Update(press("enter"))
		nextChunk(b, m)
		_ = m.View()
		m.Update(press("q"))
	}
}

// BenchmarkLargeArticleSearchStep is one n in a 10 MB article searched for
// "the" (283,000 matches), Update and View, against the step as it was
// before (old-n): every line with a match restyled into a copy of the
// document, handed to the viewport and drawn.
func BenchmarkLargeArticleSearchStep(b *testing.B) {
	m := largePane(b)
	drive(m, press("/"))
	typeText(m, "the")
	drive(m, press("enter"))
	p := &m.pager
	b.ReportMetric(float64(len(p.search.matches)), "matches")
	b.Run("n", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m.Update(press("n"))
			_ = m.View()
		}
		b.ReportMetric(float64(len(p.search.matches)), "matches")
	})
	b.Run("old-n", func(b *testing.B) {
		vp := p.vp
		b.ReportAllocs()
		for b.Loop() {
			p.search.step(1)
			vp.SetContentLines(restyleAll(&p.search, p.doc.Lines, p.com.styles))
			vp.SetYOffset(p.search.matches[p.search.current].line)
			_ = vp.View()
		}
	})
}

// restyleAll is how a step highlighted matches before: all of them, in a
// copy of every line.
func restyleAll(s *searchState, lines []string, st styles) []string {
	out := slices.Clone(lines)
	for i := 0; i < len(s.matches); {
		line := s.matches[i].line
		var ranges []lipgloss.Range
		for ; i < len(s.matches) && s.matches[i].line == line; i++ {
			style := st.match
			if i == s.current {
				style = st.currentMatch
			}
			ranges = append(ranges, lipgloss.NewRange(s.matches[i].start, s.matches[i].end, style))
		}
		out[line] = lipgloss.StyleRanges(lines[line], ranges...)
	}
	return out
}
