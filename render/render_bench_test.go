package render

import (
	"os"
	"testing"

	"kiosk/model"
	"kiosk/model/modeltest/corpus"
)

// longestBBC is the longest BBC article of the shared corpus, which lives
// beside the repository and is not part of it.
const longestBBC = "bbc_zitros--politics--terror-powers-expose-tyranny.txt"

// BenchmarkOpenLongestArticle measures what opening an article costs at
// width 80: parsing the file (the baseline), rendering it with glamour
// (cold: a fresh cache each time) and taking it from the render cache.
func BenchmarkOpenLongestArticle(b *testing.B) {
	data, err := os.ReadFile(corpus.Path(b, "awkward", longestBBC))
	if err != nil {
		b.Fatal(err)
	}
	a, err := model.Parse(longestBBC, data)
	if err != nil {
		b.Fatal(err)
	}
	opts := Options{Width: 80, Dark: true}
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := model.Parse(longestBBC, data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("render-cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := NewCache(1).Document(a, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("render-cached", func(b *testing.B) {
		c := NewCache(8)
		if _, err := c.Document(a, opts); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if c.Cached(a, opts) == nil {
				b.Fatal("not cached")
			}
		}
	})
}
