package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const smallRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Small</title><link>https://small.example/</link>
<item><guid>1</guid><title>One</title><description>first</description></item>
<item><guid>2</guid><title>Two</title><description>second</description></item>
</channel></rss>`

func testFetcher(cfg Config) *Fetcher {
	if cfg.Version == "" {
		cfg.Version = "1.2.3"
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 5 * time.Second
	}
	return NewFetcher(cfg)
}

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func fetch(t *testing.T, f *Fetcher, req Request) Result {
	t.Helper()
	r := f.Fetch(context.Background(), req)
	if r.Failed() && r.Err == nil {
		t.Errorf("%s: failed (%v) without an error", req.URL, r.Outcome)
	}
	if r.Err != nil && !strings.Contains(r.Err.Error(), req.URL) {
		t.Errorf("the error %q does not name the URL %s", r.Err, req.URL)
	}
	return r
}

func wantOutcome(t *testing.T, r Result, want Outcome, errSays string) {
	t.Helper()
	if r.Outcome != want {
		t.Fatalf("outcome %v (%v), want %v", r.Outcome, r.Err, want)
	}
	if errSays != "" && (r.Err == nil || !strings.Contains(r.Err.Error(), errSays)) {
		t.Errorf("error %v does not say %q", r.Err, errSays)
	}
}

func TestFetchSendsWhoWeAreAndAcceptsGzip(t *testing.T) {
	var got http.Header
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		w.Header().Set("Content-Encoding", "gzip")
		gz := gzip.NewWriter(w)
		gz.Write([]byte(smallRSS))
		gz.Close()
	})
	r := fetch(t, testFetcher(Config{Version: "9.8.7"}), Request{URL: srv.URL})
	wantOutcome(t, r, Parsed, "")
	if len(r.Feed.Items) != 2 || r.Feed.Title != "Small" {
		t.Errorf("gzip body not read: %+v", r.Feed)
	}
	if ua := got.Get("User-Agent"); !strings.HasPrefix(ua, "kiosk/9.8.7") {
		t.Errorf("User-Agent %q does not name kiosk and its version", ua)
	}
	if got.Get("Accept-Encoding") != "gzip" {
		t.Errorf("Accept-Encoding %q, want gzip", got.Get("Accept-Encoding"))
	}
	if got.Get("If-None-Match") != "" || got.Get("If-Modified-Since") != "" {
		t.Error("a first fetch sent validators it does not have")
	}
}

func TestFetchConditionalGet(t *testing.T) {
	const etag, lastMod = `"v1"`, "Mon, 30 Nov 2026 10:00:00 GMT"
	var bodies atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag && r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		bodies.Add(1)
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Write([]byte(smallRSS))
	})
	f := testFetcher(Config{})
	first := fetch(t, f, Request{URL: srv.URL})
	wantOutcome(t, first, Parsed, "")
	if first.ETag != etag || first.LastModified != lastMod {
		t.Fatalf("validators %q %q not kept", first.ETag, first.LastModified)
	}
	second := fetch(t, f, Request{URL: srv.URL, ETag: first.ETag, LastModified: first.LastModified})
	wantOutcome(t, second, NotModified, "")
	if second.Feed != nil || second.ETag != etag || second.LastModified != lastMod {
		t.Errorf("a 304 changed something: %+v", second)
	}
	if bodies.Load() != 1 {
		t.Errorf("the server sent %d bodies, want 1", bodies.Load())
	}
}

func TestFetchStatusOutcomes(t *testing.T) {
	date := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name    string
		handler http.HandlerFunc
		want    Outcome
		says    string
		retry   time.Duration
	}{
		{"500", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "boom", 500) }, HTTPError, "500", 0},
		{"404", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }, HTTPError, "check its URL", 0},
		{"410", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) }, Gone, "gone for good", 0},
		{"429 in seconds", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
		}, TooManyRequests, "waits 2m0s", 2 * time.Minute},
		{"503 as a date, by the server's clock", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Date", date.Format(http.TimeFormat))
			w.Header().Set("Retry-After", date.Add(90*time.Minute).Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
		}, Unavailable, "1h30m", 90 * time.Minute},
		{"503 without Retry-After", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }, Unavailable, "usual back-off", 0},
		{"429 asking for a year", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", strconv.Itoa(365*24*3600))
			w.WriteHeader(http.StatusTooManyRequests)
		}, TooManyRequests, "", MaxRetryAfter},
		{"garbage", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("\x00\x01\x02 not a feed at all")) }, NotAFeed, "neither XML nor JSON", 0},
		{"fake gzip", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write([]byte("plain"))
		}, NotAFeed, "not", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := serve(t, c.handler)
			r := fetch(t, testFetcher(Config{}), Request{URL: srv.URL + "/feed"})
			wantOutcome(t, r, c.want, c.says)
			if r.RetryAfter != c.retry {
				t.Errorf("RetryAfter %v, want %v", r.RetryAfter, c.retry)
			}
		})
	}
}

func TestFetchPageGivesItsFeeds(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head></html>`))
	})
	r := fetch(t, testFetcher(Config{}), Request{URL: srv.URL + "/blog/"})
	wantOutcome(t, r, NotAFeed, "web page")
	if len(r.Discovered) != 1 || r.Discovered[0].URL != srv.URL+"/rss" {
		t.Errorf("discovered %+v, want %s/rss", r.Discovered, srv.URL)
	}
}

func TestFetchRefusesOtherSchemes(t *testing.T) {
	f := testFetcher(Config{})
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/feed", "javascript:alert(1)", "example.org/feed", "http:///nohost"} {
		r := f.Fetch(context.Background(), Request{URL: u})
		if r.Outcome != Refused || r.Err == nil || !strings.Contains(r.Err.Error(), u) {
			t.Errorf("%s: %v %v, want Refused naming the URL", u, r.Outcome, r.Err)
		}
	}
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	r := fetch(t, f, Request{URL: srv.URL})
	wantOutcome(t, r, Refused, "will not fetch")
	if strings.Contains(r.Err.Error(), "Get ") {
		t.Errorf("the message repeats net/http's prefix: %v", r.Err)
	}
}

func TestFetchSlowServerTimesOut(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		w.Write([]byte(smallRSS[:50]))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	start := time.Now()
	r := fetch(t, testFetcher(Config{RequestTimeout: 300 * time.Millisecond}), Request{URL: srv.URL})
	wantOutcome(t, r, Unreachable, "no answer within 300ms")
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("gave up after %v, want about 300ms", el)
	}
}

func TestFetchCanceled(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	r := testFetcher(Config{}).Fetch(ctx, Request{URL: srv.URL})
	wantOutcome(t, r, Canceled, "canceled")
}

func TestFetchRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("/moved301", http.RedirectHandler("/moved308", http.StatusMovedPermanently))
	mux.Handle("/moved308", http.RedirectHandler("/feed", http.StatusPermanentRedirect))
	mux.Handle("/temp", http.RedirectHandler("/moved301", http.StatusFound))
	mux.Handle("/perm-then-temp", http.RedirectHandler("/temp-to-feed", http.StatusMovedPermanently))
	mux.Handle("/temp-to-feed", http.RedirectHandler("/feed", http.StatusTemporaryRedirect))
	var loopHits atomic.Int32
	mux.HandleFunc("/loop/", func(w http.ResponseWriter, r *http.Request) {
		n := loopHits.Add(1)
		http.Redirect(w, r, fmt.Sprintf("/loop/%d", n%2), http.StatusFound)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(smallRSS)) })
	srv := serve(t, mux.ServeHTTP)
	f := testFetcher(Config{})

	cases := []struct{ path, permanent string }{
		{"/moved301", "/feed"},
		{"/moved308", "/feed"},
		{"/temp", ""},
		{"/perm-then-temp", "/temp-to-feed"},
		{"/feed", ""},
	}
	for _, c := range cases {
		r := fetch(t, f, Request{URL: srv.URL + c.path})
		wantOutcome(t, r, Parsed, "")
		want := ""
		if c.permanent != "" {
			want = srv.URL + c.permanent
		}
		if r.PermanentURL != want {
			t.Errorf("%s: PermanentURL %q, want %q", c.path, r.PermanentURL, want)
		}
	}

	r := fetch(t, f, Request{URL: srv.URL + "/loop/0"})
	wantOutcome(t, r, Unreachable, "more than 5")
	if n := loopHits.Load(); n != 6 {
		t.Errorf("the loop was asked %d times, want 6 (the request and 5 redirects)", n)
	}
}

// TestFetchBodyCaps: a body over 10 MiB is refused as soon as its declared
// length says so, and a streamed one or a gzip bomb is read no further
// than the cap, counted after decompression.
func TestFetchBodyCaps(t *testing.T) {
	const twenty = 20 << 20
	f := testFetcher(Config{RequestTimeout: 2 * time.Second})

	t.Run("declared", func(t *testing.T) {
		srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(twenty))
			w.Write([]byte(`<rss version="2.0">`))
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		})
		wantOutcome(t, fetch(t, f, Request{URL: srv.URL}), TooLarge, "larger than 10 MiB")
	})

	t.Run("streamed", func(t *testing.T) {
		chunk := bytes.Repeat([]byte("<item><title>x</title></item>\n"), 1<<10)
		var sent atomic.Int64
		handlerDone := make(chan struct{})
		srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
			defer close(handlerDone)
			w.Write([]byte(`<rss version="2.0"><channel><title>big</title>`))
			for sent.Load() < twenty {
				n, err := w.Write(chunk)
				sent.Add(int64(n))
				if err != nil {
					return
				}
			}
			w.Write([]byte(`</channel></rss>`))
		})
		wantOutcome(t, fetch(t, f, Request{URL: srv.URL}), TooLarge, "larger than 10 MiB")
		<-handlerDone
		if sent.Load() >= twenty {
			t.Errorf("the server sent all %d MiB: the client read past the cap", sent.Load()>>20)
		}
		t.Logf("streamed: the server got %d MiB out before the client hung up", sent.Load()>>20)
	})

	t.Run("gzip bomb", func(t *testing.T) {
		bomb := gzipBomb(t, 64<<20)
		srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		})
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		r := fetch(t, f, Request{URL: srv.URL})
		runtime.ReadMemStats(&after)
		wantOutcome(t, r, TooLarge, "larger than 10 MiB")
		alloc := (after.TotalAlloc - before.TotalAlloc) >> 20
		if alloc > 48 {
			t.Errorf("inflating the bomb allocated %d MiB: it was not stopped at the cap", alloc)
		}
		t.Logf("gzip bomb: %d KiB on the wire, 64 MiB inflated; %d MiB allocated", len(bomb)>>10, alloc)
	})
}

// gzipBomb is a gzip body that inflates to an RSS document of about size
// bytes: the same small member of zeros, repeated (gzip readers join
// members into one stream).
func gzipBomb(t *testing.T, size int) []byte {
	t.Helper()
	member := func(data []byte) []byte {
		var buf bytes.Buffer
		gz, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		gz.Write(data)
		if err := gz.Close(); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	out := member([]byte(`<rss version="2.0"><channel><title>bomb</title><description>`))
	zeros := member(make([]byte, 1<<20))
	for range size >> 20 {
		out = append(out, zeros...)
	}
	return append(out, member([]byte(`</description></channel></rss>`))...)
}

func TestFetchTruncated(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/short-transfer", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(smallRSS)))
		w.Write([]byte(smallRSS[:len(smallRSS)/2]))
	})
	mux.HandleFunc("/cut-document", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(smallRSS[:strings.Index(smallRSS, "<description>second")]))
	})
	srv := serve(t, mux.ServeHTTP)
	f := testFetcher(Config{})
	r := fetch(t, f, Request{URL: srv.URL + "/short-transfer"})
	wantOutcome(t, r, Unreachable, "closed before the whole feed arrived")

	r = fetch(t, f, Request{URL: srv.URL + "/cut-document"})
	wantOutcome(t, r, Parsed, "")
	if !r.Feed.Truncated || len(r.Feed.Items) != 1 {
		t.Errorf("a document cut short: truncated %v, %d items; want true, 1", r.Feed.Truncated, len(r.Feed.Items))
	}
}

func TestFetchWrongCharset(t *testing.T) {
	latin := rssWithTitle("", latin1("Müller & Söhne"))
	utf := rssWithTitle(`<?xml version="1.0" encoding="UTF-8"?>`, "Müller &amp; Söhne")
	mux := http.NewServeMux()
	mux.HandleFunc("/latin-said-utf8", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		w.Write([]byte(strings.ReplaceAll(latin, "&", "&amp;")))
	})
	mux.HandleFunc("/utf8-said-latin", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml; charset=iso-8859-1")
		w.Write([]byte(utf))
	})
	srv := serve(t, mux.ServeHTTP)
	f := testFetcher(Config{})
	for _, p := range []string{"/latin-said-utf8", "/utf8-said-latin"} {
		r := fetch(t, f, Request{URL: srv.URL + p})
		wantOutcome(t, r, Parsed, "")
		if r.Feed.Title != "Müller & Söhne" {
			t.Errorf("%s: title %q", p, r.Feed.Title)
		}
	}
}

func TestResultFailed(t *testing.T) {
	for o := Parsed; o <= Canceled; o++ {
		want := o != Parsed && o != NotModified
		if (Result{Outcome: o}).Failed() != want {
			t.Errorf("%v: Failed() = %v", o, !want)
		}
		if strings.HasPrefix(o.String(), "Outcome(") {
			t.Errorf("outcome %d has no name", o)
		}
	}
	if !errors.Is(fmt.Errorf("x: %w", errTooManyRedirects), errTooManyRedirects) {
		t.Error("redirect errors do not wrap")
	}
}
