package feed

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"kiosk/feed/feedtest"
)

// benchFeed is an RSS feed of n items, each with a few paragraphs of HTML,
// about the size of a real full-content feed.
func benchFeed(feed, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Feed %d</title><link>https://feed%d.example/</link><description>bench</description>`, feed, feed)
	date := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>Item %d of feed %d</title><link>https://feed%d.example/%d</link>
<guid>https://feed%d.example/%d</guid><pubDate>%s</pubDate><dc:creator>Writer %d</dc:creator>
<description><![CDATA[`, i, feed, feed, i, feed, i, date.Add(-time.Duration(i)*time.Hour).Format(time.RFC1123Z), i%7)
		for p := range 4 {
			fmt.Fprintf(&b, "<p>Paragraph %d of item %d says what happened, where and why, with <a href=\"https://feed%d.example/ref/%d\">a link</a> and <em>some emphasis</em>, as news items do at some length in a feed that carries the whole story rather than a teaser.</p>\n", p, i, feed, p)
		}
		b.WriteString("]]></description></item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// BenchmarkFetch500Feeds fetches and parses 500 feeds of 50 items from 8
// loopback servers, then fetches them again with the validators of the
// first pass, when every answer is a 304. It reports both passes and
// their ratio. Storage is not part of it.
func BenchmarkFetch500Feeds(b *testing.B) {
	const feeds, items, hosts = 500, 50, 8
	bodies := make([]string, feeds)
	for i := range bodies {
		bodies[i] = benchFeed(i, items)
	}
	urls := feedtest.Servers(b, hosts, bodies)
	size := 0
	for _, body := range bodies {
		size += len(body)
	}

	var first, second time.Duration
	for b.Loop() {
		reqs := make([]Request, len(urls))
		for i, u := range urls {
			reqs[i] = Request{URL: u}
		}
		start := time.Now()
		results := NewFetcher(Config{Version: "bench"}).FetchAll(context.Background(), reqs, RunOptions{})
		first += time.Since(start)
		for i, r := range results {
			if r.Outcome != Parsed || len(r.Feed.Items) != items {
				b.Fatalf("first pass, %s: %v %v", urls[i], r.Outcome, r.Err)
			}
			reqs[i].ETag, reqs[i].LastModified = r.ETag, r.LastModified
		}

		start = time.Now()
		results = NewFetcher(Config{Version: "bench"}).FetchAll(context.Background(), reqs, RunOptions{})
		second += time.Since(start)
		for i, r := range results {
			if r.Outcome != NotModified {
				b.Fatalf("second pass, %s: %v %v", urls[i], r.Outcome, r.Err)
			}
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(first.Milliseconds())/n, "first-ms")
	b.ReportMetric(float64(second.Milliseconds())/n, "304-ms")
	b.ReportMetric(float64(first)/float64(second), "ratio")
	b.Logf("%d feeds of %d items (%.1f MiB) from %d loopback hosts: first fetch %v, all-304 fetch %v, %.0fx faster",
		feeds, items, float64(size)/(1<<20), hosts, first/time.Duration(b.N), second/time.Duration(b.N), float64(first)/float64(second))
}
