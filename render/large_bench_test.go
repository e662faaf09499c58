package render

import (
	"testing"

	"kiosk/model/modeltest"
)

// largeSize is the size of the article in the large-article benchmarks:
// 10 MB of text, written by modeltest.
const largeSize = 10 << 20

// BenchmarkLargeArticle compares, on a 10 MB article at width 80, what the
// reader waits for before its first screen: the whole article rendered at
// once (whole, the baseline) or its first chunk (first-chunk); all-chunks
// is the whole article rendered chunk by chunk, as the pane does in the
// background.
func BenchmarkLargeArticle(b *testing.B) {
	a := modeltest.LongArticle(largeSize)
	o := Options{Width: 80, Dark: true}
	b.Run("whole", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out, err := Article(a, o)
			if err != nil {
				b.Fatal(err)
			}
			NewDocument(a, out)
		}
	})
	b.Run("first-chunk", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Split(a, o).Render(0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("all-chunks", func(b *testing.B) {
		b.ReportAllocs()
		var c *Chunks
		for b.Loop() {
			c = Split(a, o)
			doc := &Document{}
			for i := range c.Len() {
				part, err := c.Render(i)
				if err != nil {
					b.Fatal(err)
				}
				doc.Append(part)
			}
		}
		b.ReportMetric(float64(c.Len()), "chunks")
	})
}
