package model

import (
	"bytes"
	"slices"
	"testing"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// BenchmarkPageExtraction times the extraction of each of Mozilla's test
// pages: kiosk's ParsePage (decoding, go-readability, blocks) against
// go-readability alone in the same run, both as FromReader (which detects
// the charset with chardet) and on a document already parsed (the core
// that ParsePage wraps), each with RenderText. An op is all pages, each
// by every extractor; the medians and the slowest are per page, over every
// op.
func BenchmarkPageExtraction(b *testing.B) {
	pages := loadTestPages(b)
	u := testPageURL(b)
	extractors := []struct {
		name    string
		extract func(p testPage)
	}{
		{"kiosk", func(p testPage) {
			if _, err := ParsePage(p.name+".html", p.source, u, ""); err != nil {
				b.Fatalf("%s: %v", p.name, err)
			}
		}},
		{"go-readability", func(p testPage) {
			a, err := readability.FromReader(bytes.NewReader(p.source), u)
			if err != nil {
				b.Fatalf("%s: %v", p.name, err)
			}
			var text bytes.Buffer
			_ = a.RenderText(&text)
		}},
		{"go-readability-parsed", func(p testPage) {
			doc, err := html.Parse(bytes.NewReader(p.source))
			if err != nil {
				b.Fatalf("%s: %v", p.name, err)
			}
			parser := readability.NewParser()
			a, err := parser.ParseAndMutate(doc, u)
			if err != nil {
				b.Fatalf("%s: %v", p.name, err)
			}
			var text bytes.Buffer
			_ = a.RenderText(&text)
		}},
	}
	// Interleaved page by page, so that other load on the machine weighs on
	// every extractor alike.
	times := make([][]time.Duration, len(extractors))
	for b.Loop() {
		for _, p := range pages {
			for i, e := range extractors {
				start := time.Now()
				e.extract(p)
				times[i] = append(times[i], time.Since(start))
			}
		}
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	for i, e := range extractors {
		slices.Sort(times[i])
		b.ReportMetric(ms(times[i][len(times[i])/2]), e.name+"-median-ms/page")
		b.ReportMetric(ms(times[i][len(times[i])-1]), e.name+"-slowest-ms/page")
	}
}
