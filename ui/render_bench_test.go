package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kiosk/model"
)

// longestBBC is the longest BBC article of the shared corpus, which lives
// beside the repository and is not part of it.
var longestBBC = filepath.Join("..", "..", "shared", "corpus", "awkward", "bbc_zitros--politics--terror-powers-expose-tyranny.txt")

// BenchmarkOpenLongestArticle measures what opening an article costs at
// width 80: parsing the file (the baseline), rendering it with glamour
// (cold: a fresh cache each time) and taking it from the render cache.
func BenchmarkOpenLongestArticle(b *testing.B) {
	data, err := os.ReadFile(longestBBC)
	if errors.Is(err, fs.ErrNotExist) {
		b.Skipf("%s not found: the shared corpus is not beside the repository", longestBBC)
	}
	if err != nil {
		b.Fatal(err)
	}
	a, err := model.Parse(filepath.Base(longestBBC), data)
	if err != nil {
		b.Fatal(err)
	}
	opts := RenderOptions{Width: 80, Dark: true}
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
			if _, err := NewRenderCache(1).document(a, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("render-cached", func(b *testing.B) {
		c := NewRenderCache(8)
		if _, err := c.document(a, opts); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if c.cached(a, opts) == nil {
				b.Fatal("not cached")
			}
		}
	})
}

// BenchmarkPaneScrollKey is the reader's share of the key latency: one j or
// k in the article pane, Update and View, as the program runs them.
func BenchmarkPaneScrollKey(b *testing.B) {
	m := New(seedLibrary(b), Options{Theme: ThemeDark})
	drive(m, tea.WindowSizeMsg{Width: 100, Height: 30}, press("enter"))
	keys := []tea.KeyPressMsg{press("j"), press("k")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.Update(keys[i%2])
		_ = m.View()
		i++
	}
}
