package store

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// Run with: go test ./store/ -run '^$' -bench . -benchtime 1x
// Each benchmark reports its figure and, beside it, a baseline measured in
// the same run, so that figures compare across machines as ratios.

const (
	benchFeeds        = 500
	benchItemsPerFeed = 50
)

func benchItems(feed, n int, body string) []Item {
	items := make([]Item, n)
	for i := range items {
		items[i] = Item{
			GUID:        fmt.Sprintf("https://feed%d.example/item/%d", feed, i),
			Link:        fmt.Sprintf("https://feed%d.example/item/%d", feed, i),
			Title:       fmt.Sprintf("Item %d of feed %d, a headline of ordinary length", i, feed),
			Author:      "A. Writer",
			Published:   time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(feed*n+i) * time.Minute),
			ContentHTML: body,
		}
	}
	return items
}

// BenchmarkUpsert500Feeds stores a first fetch of 500 feeds of 50 items
// (all new), then the same fetch again (all unchanged) as the baseline.
func BenchmarkUpsert500Feeds(b *testing.B) {
	ctx := context.Background()
	body := "<p>" + strings.Repeat("Some words of an article. ", 40) + "</p>"
	for b.Loop() {
		b.StopTimer()
		db := openTemp(b)
		ids := make([]int64, benchFeeds)
		for f := range ids {
			ids[f] = addFeed(b, db, fmt.Sprintf("https://feed%d.example/rss", f)).ID
		}
		b.StartTimer()
		first := time.Now()
		for f, id := range ids {
			if _, err := db.UpsertItems(ctx, id, benchItems(f, benchItemsPerFeed, body), time.Now()); err != nil {
				b.Fatal(err)
			}
		}
		new := time.Since(first)
		again := time.Now()
		for f, id := range ids {
			if n, err := db.UpsertItems(ctx, id, benchItems(f, benchItemsPerFeed, body), time.Now()); err != nil || n != (Upserted{}) {
				b.Fatal(n, err)
			}
		}
		unchanged := time.Since(again)
		b.ReportMetric(new.Seconds(), "s-new")
		b.ReportMetric(unchanged.Seconds(), "s-unchanged")
		b.ReportMetric(float64(benchFeeds*benchItemsPerFeed)/new.Seconds(), "items/s-new")
		b.ReportMetric(new.Seconds()/unchanged.Seconds(), "new/unchanged")
		db.Close()
	}
}

var (
	bigOnce sync.Once
	bigPath string
)

// bigLibrary is a database of 100,000 items (200 feeds of 500), each with
// a 2 KB body, made once per run.
func bigLibrary(b *testing.B) string {
	bigOnce.Do(func() {
		ctx := context.Background()
		dir, err := mkdirTemp()
		if err != nil {
			b.Fatal(err)
		}
		bigPath = filepath.Join(dir, "big.db")
		db, err := Open(ctx, bigPath)
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		body := "<p>" + strings.Repeat("Some words of an article. ", 80) + "</p>"
		for f := range 200 {
			feed, err := db.AddFeed(ctx, Feed{URL: fmt.Sprintf("https://feed%d.example/rss", f), Title: fmt.Sprintf("Feed number %d", f)})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := db.UpsertItems(ctx, feed.ID, benchItems(f, 500, body), time.Now()); err != nil {
				b.Fatal(err)
			}
		}
		st, _ := db.State(ctx, "")
		rows, _ := db.Items(ctx, ItemQuery{})
		for i, r := range rows {
			if i%3 == 0 {
				st.MarkRead(r.Key, true)
			}
		}
		st.Close()
	})
	return bigPath
}

// BenchmarkList100000Items lists the rows of 100,000 stored items, newest
// first with read marks, as the reader's list loads them. It reports the
// time, the time of a first screenful (200 rows), the heap the rows keep,
// and the bytes allocated on the way (an upper bound on the peak), beside
// the same list read with bodies (what loading whole items would cost) as
// the baseline.
func BenchmarkList100000Items(b *testing.B) {
	ctx := context.Background()
	db := openAt(b, bigLibrary(b))
	var rows []ItemRow
	for b.Loop() {
		var err error
		before := heapNow()
		start := time.Now()
		var allocs runtime.MemStats
		runtime.ReadMemStats(&allocs)
		rows, err = db.Items(ctx, ItemQuery{})
		took := time.Since(start)
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		if err != nil || len(rows) != 100_000 {
			b.Fatal(len(rows), err)
		}
		kept := heapNow() - before

		start = time.Now()
		page, err := db.Items(ctx, ItemQuery{Limit: 200})
		if err != nil || len(page) != 200 {
			b.Fatal(len(page), err)
		}
		firstPage := time.Since(start)

		start = time.Now()
		bodies := listWithBodies(b, db)
		baseline := time.Since(start)
		b.ReportMetric(took.Seconds()*1000, "ms-rows")
		b.ReportMetric(firstPage.Seconds()*1000, "ms-first-200")
		b.ReportMetric(float64(kept)/1e6, "MB-kept")
		b.ReportMetric(float64(after.TotalAlloc-allocs.TotalAlloc)/1e6, "MB-allocated")
		b.ReportMetric(baseline.Seconds()*1000, "ms-with-bodies")
		b.ReportMetric(float64(bodies)/1e6, "MB-bodies")
		b.ReportMetric(baseline.Seconds()/took.Seconds(), "with-bodies/rows")
	}
	runtime.KeepAlive(rows)
}

func listWithBodies(b *testing.B, db *DB) int {
	rs, err := db.sql.Query(`SELECT i.id, i.key, i.title, b.content_html, b.summary FROM items i JOIN item_bodies b ON b.item_id = i.id ORDER BY i.sort_time DESC`)
	if err != nil {
		b.Fatal(err)
	}
	defer rs.Close()
	total := 0
	for rs.Next() {
		var id int64
		var key, title, content, summary string
		rs.Scan(&id, &key, &title, &content, &summary)
		total += len(content)
	}
	return total
}

func heapNow() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
