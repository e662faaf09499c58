package ui

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kiosk/model"
	"kiosk/render"
)

// lazyLibrary is a library of n feed items listed without their bodies, as
// news.OpenLibrary makes it, newest first.
func lazyLibrary(n int) *model.Library {
	noBody := func(context.Context, *model.Article) (*model.Article, error) {
		return nil, errors.New("not stored")
	}
	topics := []string{"harbour", "election", "council", "markets", "weather"}
	date := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	lib := &model.Library{Name: "your feeds"}
	for i := range n {
		key := fmt.Sprintf("item:%d:%016x", i%200, i*2654435761)
		lib.Articles = append(lib.Articles, model.Lazy(model.Article{ID: key, Key: key, Source: key,
			Title: fmt.Sprintf("Item %d: the %s story of the day", n-i, topics[i%len(topics)]), Byline: "A. Writer",
			Feed: fmt.Sprintf("Feed number %d", i%200), Published: date.Add(-time.Duration(i) * time.Minute)}, noBody))
	}
	return lib
}

// BenchmarkLibraryOf100000Arrives is the Update that swaps the reader's
// first 200 rows for the whole library of 100,000 items, as the reader
// does when news.CompleteLibrary is done; beside it, the same Update with
// a library of 200 as the baseline.
func BenchmarkLibraryOf100000Arrives(b *testing.B) {
	full := lazyLibrary(100_000)
	first := &model.Library{Name: full.Name, Articles: full.Articles[:200]}
	same := &model.Library{Name: full.Name, Articles: full.Articles[:200]}
	measure := func(lib *model.Library) time.Duration {
		m := New(first, Options{Theme: render.ThemeDark})
		drive(m, tea.WindowSizeMsg{Width: 100, Height: 30})
		start := time.Now()
		m.Update(LibraryUpdateMsg{Update: model.Update{Lib: lib}})
		_ = m.View()
		return time.Since(start)
	}
	var big, small time.Duration
	for b.Loop() {
		big += measure(full)
		small += measure(same)
	}
	n := time.Duration(b.N)
	b.ReportMetric(float64(big/n)/1e6, "update-ms")
	b.ReportMetric(float64(small/n)/1e6, "update-200-ms")
	b.ReportMetric(float64(big)/float64(small), "100000/200")
	b.Logf("the library of 100,000 items arrives: Update and View %v (a library of 200: %v, %.0fx)", big/n, small/n, float64(big)/float64(small))
}
