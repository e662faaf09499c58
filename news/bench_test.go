package news

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"kiosk/feed"
	"kiosk/feed/feedtest"
	"kiosk/model"
	"kiosk/seeds"
	"kiosk/store"
	"kiosk/store/storetest"
)

// Run with: go test ./news/ -run '^$' -bench . -benchtime 1x
// Each benchmark reports its figure beside a baseline measured in the same
// run, so that figures compare across machines as ratios.

// benchRSS is an RSS feed of n items of a few paragraphs each.
func benchRSS(f, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed %d</title>`, f)
	date := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Item %d of feed %d</title><link>https://feed%d.example/%d</link><guid>https://feed%d.example/%d</guid><pubDate>%s</pubDate><description><![CDATA[`,
			i, f, f, i, f, i, date.Add(-time.Duration(i)*time.Hour).Format(time.RFC1123Z))
		for p := range 4 {
			fmt.Fprintf(&b, "<p>Paragraph %d of item %d says what happened, where and why, with <a href=\"https://feed%d.example/ref/%d\">a link</a>, as news items do at some length.</p>", p, i, f, p)
		}
		b.WriteString("]]></description></item>")
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// BenchmarkFetchAndStore500Feeds subscribes to 500 feeds of 50 items on 8
// loopback servers, fetches and stores them all (the first fetch), then
// fetches them again, when every answer is a 304 that changes nothing.
func BenchmarkFetchAndStore500Feeds(b *testing.B) {
	const feeds, items, hosts = 500, 50, 8
	bodies := make([]string, feeds)
	for i := range bodies {
		bodies[i] = benchRSS(i, items)
	}
	urls := feedtest.Servers(b, hosts, bodies)
	ctx := context.Background()
	var first, second time.Duration
	for b.Loop() {
		db, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		for _, u := range urls {
			if _, err := db.AddFeed(ctx, store.Feed{URL: u}); err != nil {
				b.Fatal(err)
			}
		}
		fetcher := feed.NewFetcher(feed.Config{Version: "bench"})
		start := time.Now()
		reports, err := FetchFeeds(ctx, db, fetcher, FetchOptions{All: true})
		first += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range reports {
			if r.Added != items {
				b.Fatalf("first fetch of %s: %v, %d added, %v", r.Feed.URL, r.Outcome, r.Added, r.Err)
			}
		}
		start = time.Now()
		reports, err = FetchFeeds(ctx, db, fetcher, FetchOptions{All: true})
		second += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range reports {
			if r.Outcome != feed.NotModified || r.Change != Unchanged {
				b.Fatalf("second fetch of %s: %v %v", r.Feed.URL, r.Outcome, r.Err)
			}
		}
		db.Close()
	}
	n := time.Duration(b.N)
	b.ReportMetric(float64((first / n).Milliseconds()), "first-ms")
	b.ReportMetric(float64((second / n).Milliseconds()), "304-ms")
	b.ReportMetric(float64(first)/float64(second), "first/304")
	b.Logf("%d feeds of %d items from %d loopback hosts, fetched and stored: first %v, all 304 %v: %.0fx faster",
		feeds, items, hosts, first/n, second/n, float64(first)/float64(second))
}

// The library benchmark runs each measured load in a process of its own
// (this test binary, run again), so that its peak memory is its own and
// not the building of the database's.
const (
	libraryChildEnv = "KIOSK_BENCH_LIBRARY_CHILD"
	libraryDBEnv    = "KIOSK_BENCH_LIBRARY_DB"
)

// BenchmarkLibrary100000Items stores 100,000 items (200 feeds of 500, a
// 2 KB body each), then, each in a fresh process: opens the library of
// them (the list rows a first frame needs), its peak memory, and the median
// and slowest time of library searches; beside the built-in library opened
// the same way as the baseline.
func BenchmarkLibrary100000Items(b *testing.B) {
	path := os.Getenv(libraryDBEnv) // a database kept between runs, built when missing
	if path == "" {
		path = filepath.Join(b.TempDir(), "big.db")
	}
	if _, err := os.Stat(path); err != nil {
		buildBigLibrary(b, path)
	}
	for b.Loop() {
		items := runLibraryChild(b, "items", path)
		embedded := runLibraryChild(b, "embedded", path)
		b.ReportMetric(items["open-ms"], "open-ms")
		b.ReportMetric(embedded["open-ms"], "embedded-open-ms")
		b.ReportMetric(items["open-ms"]/embedded["open-ms"], "open/embedded")
		b.ReportMetric(items["first-ms"], "first-rows-ms")
		b.ReportMetric(items["first-ms"]/embedded["open-ms"], "first-rows/embedded")
		b.ReportMetric(items["peak-rss-MB"], "peak-rss-MB")
		b.ReportMetric(items["open-peak-rss-MB"], "open-peak-rss-MB")
		b.ReportMetric(embedded["peak-rss-MB"], "embedded-peak-rss-MB")
		b.ReportMetric(items["heap-MB"], "heap-MB")
		b.ReportMetric(items["search-median-ms"], "search-median-ms")
		b.ReportMetric(items["search-max-ms"], "search-max-ms")
		b.ReportMetric(items["search-first-ms"], "search-first-ms")
		b.Logf("100,000 items: library open %.1f ms (built-in library %.2f ms, %.0fx), first %d rows %.2f ms (%.1fx the built-in), heap kept %.1f MB, peak RSS after opening %.1f MB, after searching %.1f MB (built-in %.1f MB); search median %.2f ms, slowest %.2f ms, first %.2f ms over %q",
			items["open-ms"], embedded["open-ms"], items["open-ms"]/embedded["open-ms"], firstRows, items["first-ms"], items["first-ms"]/embedded["open-ms"],
			items["heap-MB"], items["open-peak-rss-MB"], items["peak-rss-MB"], embedded["peak-rss-MB"], items["search-median-ms"], items["search-max-ms"], items["search-first-ms"], benchQueries)
	}
}

func buildBigLibrary(b *testing.B, path string) {
	ctx := context.Background()
	db, err := store.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	words := []string{"harbour", "election", "council", "markets", "weather", "football", "science", "budget", "railway", "hospital"}
	date := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	storetest.AddFeeds(b, db, 200, 500, func(f, i int) store.Item {
		n := f*500 + i
		topic := words[n%len(words)]
		return store.Item{GUID: fmt.Sprintf("g%d", n), Link: fmt.Sprintf("https://feed%d.example/%d", f, i),
			Title: fmt.Sprintf("Item %d: the %s story of the day", n, topic), Author: "A. Writer",
			Published:   date.Add(time.Duration(n) * time.Minute),
			ContentHTML: "<p>" + strings.Repeat(fmt.Sprintf("Some words of an article about the %s and token%d. ", topic, n%1000), 30) + "</p>"}
	})
}

// firstRows is how many rows the reader lists before its first frame.
const firstRows = 200

// benchQueries are searches a reader might type: common and rare words,
// a prefix, a phrase, two words, and the first letters of a search typed.
var benchQueries = []string{"harbour", "token123", "elect", `"council and"`, "railway token7", "hospital", "nothingmatches", "t", "th"}

// runLibraryChild runs one measurement in a new process and returns its
// figures.
func runLibraryChild(b *testing.B, what, path string) map[string]float64 {
	cmd := exec.Command(os.Args[0], "-test.run=^TestLibraryBenchChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), libraryChildEnv+"="+what, libraryDBEnv+"="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("%s: %v\n%s", what, err, out)
	}
	figures := map[string]float64{}
	for line := range strings.Lines(string(out)) {
		if name, value, ok := strings.Cut(strings.TrimSpace(line), "="); ok && strings.HasPrefix(name, "figure:") {
			v, _ := strconv.ParseFloat(value, 64)
			figures[strings.TrimPrefix(name, "figure:")] = v
		}
	}
	return figures
}

// TestLibraryBenchChild is BenchmarkLibrary100000Items's measuring process;
// run alone it skips.
func TestLibraryBenchChild(t *testing.T) {
	what := os.Getenv(libraryChildEnv)
	if what == "" {
		t.Skip("run by BenchmarkLibrary100000Items")
	}
	ctx := context.Background()
	if what != "embedded" {
		// What the reader shows first: the newest rows, the rest after.
		db, err := store.Open(ctx, os.Getenv(libraryDBEnv))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if _, err := OpenFirstItems(ctx, db, firstRows); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("figure:first-ms=%f\n", time.Since(start).Seconds()*1000)
		db.Close()
	}
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var lib *model.Library
	var db *store.DB
	start := time.Now()
	var err error
	if what == "embedded" {
		lib, err = model.LoadFS(seeds.FS, "seeds")
	} else {
		if db, err = store.Open(ctx, os.Getenv(libraryDBEnv)); err == nil {
			lib, err = OpenLibrary(ctx, db)
		}
	}
	open := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	fmt.Printf("figure:open-ms=%f\n", open.Seconds()*1000)
	fmt.Printf("figure:heap-MB=%f\n", float64(after.HeapAlloc-before.HeapAlloc)/1e6)
	fmt.Printf("figure:open-peak-rss-MB=%f\n", peakRSS()/1e6)
	if what != "embedded" {
		var times []time.Duration
		var first time.Duration
		for round := range 3 {
			for _, q := range benchQueries {
				start := time.Now()
				results, err := lib.Find(ctx, q)
				if err != nil {
					t.Fatal(err)
				}
				times = append(times, time.Since(start))
				if round == 0 && q == benchQueries[0] {
					first = times[0] // sorts the library's keys, once
				}
				if len(results) == 0 && q != "nothingmatches" {
					t.Fatalf("%s: no results", q)
				}
			}
		}
		fmt.Printf("figure:search-first-ms=%f\n", first.Seconds()*1000)
		slices.Sort(times)
		fmt.Printf("figure:search-median-ms=%f\n", times[len(times)/2].Seconds()*1000)
		fmt.Printf("figure:search-max-ms=%f\n", times[len(times)-1].Seconds()*1000)
		db.Close()
	}
	runtime.KeepAlive(lib)
	fmt.Printf("figure:peak-rss-MB=%f\n", peakRSS()/1e6)
}

// peakRSS is this process's peak resident memory (VmHWM), in bytes.
func peakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			return kb * 1024
		}
	}
	return 0
}
