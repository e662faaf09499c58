package feedui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kiosk/model"
	"kiosk/news"
	"kiosk/render"
	"kiosk/seeds"
	"kiosk/store"
	"kiosk/store/storetest"
	"kiosk/ui"
)

// drive runs a reader as a program would, without a terminal: msg goes
// in, the commands it starts run in goroutines, and their messages come
// back in, until the screen holds want.
func drive(b *testing.B, m tea.Model, msg tea.Msg, want string) {
	msgs := make(chan tea.Msg, 64)
	done := make(chan struct{})
	defer close(done)
	var start func(tea.Cmd)
	start = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		go func() {
			out := cmd()
			if batch, ok := out.(tea.BatchMsg); ok {
				for _, c := range batch {
					start(c)
				}
				return
			}
			if out != nil {
				select {
				case msgs <- out:
				case <-done:
				}
			}
		}()
	}
	timeout := time.After(10 * time.Second)
	for {
		_, cmd := m.Update(msg)
		start(cmd)
		if strings.Contains(m.View().Content, want) {
			return
		}
		select {
		case msg = <-msgs:
		case <-timeout:
			b.Fatalf("%q never on screen:\n%s", want, m.View().Content)
		}
	}
}

// BenchmarkEnterToFullText is the time from Enter on an item whose feed
// gives only a summary to its full text on the reader's screen, the page
// fetched from a loopback server, extracted, stored and rendered; beside
// it, as the baseline, Enter on the same item once its full text is
// stored.
func BenchmarkEnterToFullText(b *testing.B) {
	srv, _ := newsSite(b)
	db, fetcher := subscribed(b, srv)
	ctx := context.Background()
	st, _ := db.State(ctx, "")
	rows, _ := db.Items(ctx, store.ItemQuery{})
	open := func(b *testing.B, fetched bool) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			if fetched {
				if err := db.SetFullText(ctx, rows[0].ID, ""); err != nil {
					b.Fatal(err)
				}
			} else if _, err := news.FetchFullText(ctx, db, fetcher, rows[0]); err != nil {
				b.Fatal(err)
			}
			lib, err := news.OpenLibrary(ctx, db)
			if err != nil {
				b.Fatal(err)
			}
			m := ui.New(lib, ui.Options{Theme: render.ThemeDark, State: st, Feeds: Local(db, st, fetcher)})
			m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
			b.StartTimer()
			drive(b, m, tea.KeyPressMsg{Code: tea.KeyEnter}, pageText)
		}
	}
	b.Run("stored", func(b *testing.B) { open(b, false) })
	b.Run("fetched", func(b *testing.B) { open(b, true) })
}

var (
	bigOnce sync.Once
	bigDB   string
)

// TestMain removes the database bigLibrary made, which the benchmarks of
// one run share (a b.TempDir would go with the first benchmark).
func TestMain(m *testing.M) {
	code := m.Run()
	if bigDB != "" {
		os.RemoveAll(filepath.Dir(bigDB))
	}
	os.Exit(code)
}

// bigLibrary is a database of 100,000 items (200 feeds of 500), made once
// per run and removed by TestMain.
func bigLibrary(b *testing.B) string {
	bigOnce.Do(func() {
		ctx := context.Background()
		dir, err := os.MkdirTemp("", "kiosk-bench")
		if err != nil {
			b.Fatal(err)
		}
		bigDB = filepath.Join(dir, "big.db")
		db, err := store.Open(ctx, bigDB)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		body := "<p>" + strings.Repeat("Some words of an article. ", 80) + "</p>"
		now := time.Now()
		storetest.AddFeeds(b, db, 200, 500, func(f, i int) store.Item {
			return store.Item{GUID: fmt.Sprintf("%d-%d", f, i), Title: fmt.Sprintf("Item %d of feed %d", i, f),
				Link: fmt.Sprintf("https://feed%d.example/%d", f, i), Published: now.Add(-time.Duration(i*200+f) * time.Minute), ContentHTML: body}
		})
	})
	return bigDB
}

// openBig opens bigLibrary's database, closed when b ends, and its
// reading state.
func openBig(b *testing.B) (*store.DB, *store.State) {
	db := storetest.OpenAt(b, bigLibrary(b))
	st, _ := db.State(context.Background(), "")
	return db, st
}

// BenchmarkFirstFrame is the reader's first frame, from nothing loaded to
// the list on screen: on the embedded articles (the baseline), and on a
// library of 100,000 stored items (list rows read without bodies).
// BenchmarkListKey is one j in the list of each.
func BenchmarkFirstFrame(b *testing.B) {
	ctx := context.Background()
	db, st := openBig(b)
	b.Run("embedded", func(b *testing.B) {
		for b.Loop() {
			lib, err := model.LoadFS(seeds.FS, "kiosk seeds")
			if err != nil {
				b.Fatal(err)
			}
			firstFrame(lib, ui.Options{Theme: render.ThemeDark})
		}
	})
	b.Run("100000-items", func(b *testing.B) {
		for b.Loop() {
			lib, err := news.OpenLibrary(ctx, db)
			if err != nil || len(lib.Articles) != 100_000 {
				b.Fatal(err, len(lib.Articles))
			}
			firstFrame(lib, ui.Options{Theme: render.ThemeDark, State: st, Feeds: Local(db, st, nil)})
		}
	})
	// As kiosk opens it: the newest 200 rows first, the rest after.
	b.Run("100000-items-first-rows", func(b *testing.B) {
		for b.Loop() {
			lib, err := news.OpenFirstItems(ctx, db, 200)
			if err != nil || len(lib.Articles) != 200 {
				b.Fatal(err, len(lib.Articles))
			}
			firstFrame(lib, ui.Options{Theme: render.ThemeDark, State: st, Feeds: Local(db, st, nil)})
		}
	})
	// The reader's own share: the rows loaded already.
	lib, err := news.OpenLibrary(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("100000-items-loaded", func(b *testing.B) {
		for b.Loop() {
			firstFrame(lib, ui.Options{Theme: render.ThemeDark, State: st, Feeds: Local(db, st, nil)})
		}
	})
}

func firstFrame(lib *model.Library, opts ui.Options) *ui.Model {
	m := ui.New(lib, opts)
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	_ = m.View()
	return m
}

func BenchmarkListKey(b *testing.B) {
	ctx := context.Background()
	db, st := openBig(b)
	seedsLib, _ := model.LoadFS(seeds.FS, "kiosk seeds")
	big, _ := news.OpenLibrary(ctx, db)
	for _, c := range []struct {
		name string
		m    *ui.Model
	}{
		{"embedded", firstFrame(seedsLib, ui.Options{Theme: render.ThemeDark})},
		{"100000-items", firstFrame(big, ui.Options{Theme: render.ThemeDark, State: st, Feeds: Local(db, st, nil)})},
	} {
		b.Run(c.name, func(b *testing.B) {
			keys := []tea.KeyPressMsg{{Code: 'j', Text: "j"}, {Code: 'k', Text: "k"}}
			i := 0
			for b.Loop() {
				c.m.Update(keys[i%2])
				_ = c.m.View()
				i++
			}
		})
	}
}
