package model

import (
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkSearch times each query, with the snippets of the first 20 results
// (a screenful), on the Reuters-21578
// stories and on a synthetic library of 20,000 articles once the index is
// built, and reports the index's heap size against the bytes of text it
// indexes. The median over the queries is the figure to quote.
func BenchmarkSearch(b *testing.B) {
	queries := map[string][]string{
		"reuters21578": {"oil", "crude oil prices", "bank", `"new york"`, "tokyo stock", "zinc", "interest rat"},
		"synthetic20k": {"w42xq", "w17", "w4999xe w1xb", `"w10xk w11xl"`, "w3"},
	}
	libs := map[string]func(b *testing.B) *Library{
		"reuters21578": func(b *testing.B) *Library { return mustLoad(b, unpackReuters(b)) },
		"synthetic20k": func(b *testing.B) *Library { return syntheticSearchLibrary(20000) },
	}
	for _, name := range []string{"reuters21578", "synthetic20k"} {
		b.Run(name, func(b *testing.B) {
			lib := libs[name](b)
			text := 0
			for _, a := range lib.Articles {
				text += len(a.searchText())
			}
			b.Run("build-index", func(b *testing.B) {
				before := liveHeap()
				ix := NewIndex(lib.Articles)
				size := liveHeap() - before
				runtime.KeepAlive(ix)
				for b.Loop() {
					NewIndex(lib.Articles)
				}
				b.ReportMetric(float64(size)/float64(text), "index-bytes/text-bytes")
			})
			lib.Search("warm up")
			for _, q := range queries[name] {
				b.Run(q, func(b *testing.B) {
					n := 0
					for b.Loop() {
						res := lib.Search(q)
						for _, r := range res[:min(20, len(res))] {
							r.Snippet()
						}
						n = len(res)
					}
					b.ReportMetric(float64(n), "results")
				})
			}
		})
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func mustLoad(b *testing.B, dir string) *Library {
	lib, err := LoadPaths([]string{dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	return lib
}

// syntheticSearchLibrary makes n articles from a vocabulary of 5,000
// words, so that terms are spread as in real text.
func syntheticSearchLibrary(n int) *Library {
	vocab := make([]string, 5000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%dx%c", i, 'a'+i%26)
	}
	lib := &Library{}
	seed := uint32(1)
	word := func() string {
		seed = seed*1664525 + 1013904223
		return vocab[(seed>>8)%uint32(len(vocab))]
	}
	for i := range n {
		body := make([]byte, 0, 1200)
		for range 150 {
			body = append(body, word()...)
			body = append(body, ' ')
		}
		lib.Articles = append(lib.Articles, &Article{
			ID: fmt.Sprint(i), Title: word() + " " + word(),
			Blocks: []Block{{Kind: Heading, Text: word()}, {Kind: Paragraph, Text: string(body)}},
		})
	}
	return lib
}
