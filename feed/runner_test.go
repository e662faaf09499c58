package feed

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/model/modeltest/corpus"
)

// hostMeter is a loopback server, one "host", that records how many
// requests it serves at once, and how many all meters serve at once.
type hostMeter struct {
	srv       *httptest.Server
	now, peak atomic.Int32
}

type meters struct {
	now, peak atomic.Int32
	hits      atomic.Int32
	hosts     []*hostMeter
}

func raise(now, peak *atomic.Int32) {
	n := now.Add(1)
	for {
		p := peak.Load()
		if n <= p || peak.CompareAndSwap(p, n) {
			return
		}
	}
}

func newMeters(t *testing.T, n int, delay time.Duration, body string) *meters {
	m := &meters{}
	for range n {
		h := &hostMeter{}
		h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			m.hits.Add(1)
			raise(&h.now, &h.peak)
			raise(&m.now, &m.peak)
			defer h.now.Add(-1)
			defer m.now.Add(-1)
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
			w.Write([]byte(body))
		}))
		t.Cleanup(h.srv.Close)
		m.hosts = append(m.hosts, h)
	}
	return m
}

func TestFetchAllLimits(t *testing.T) {
	m := newMeters(t, 12, 30*time.Millisecond, smallRSS)
	var reqs []Request
	for i := range 4 {
		for _, h := range m.hosts {
			reqs = append(reqs, Request{URL: h.srv.URL + "/feed" + string(rune('a'+i))})
		}
	}
	reqs = append(reqs, Request{URL: "gopher://nope"})
	var calls []int
	var mu sync.Mutex
	results := testFetcher(Config{}).FetchAll(context.Background(), reqs, RunOptions{
		OnResult: func(i int, r Result, done, total int) {
			mu.Lock()
			defer mu.Unlock()
			calls = append(calls, done)
			if total != len(reqs) {
				t.Errorf("total %d, want %d", total, len(reqs))
			}
		},
	})
	for i, r := range results[:len(results)-1] {
		if r.Outcome != Parsed || r.URL != reqs[i].URL {
			t.Errorf("%d: %v %v for %s", i, r.Outcome, r.Err, reqs[i].URL)
		}
	}
	if last := results[len(results)-1]; last.Outcome != Refused {
		t.Errorf("a gopher URL: %v, want Refused", last.Outcome)
	}
	if len(calls) != len(reqs) {
		t.Errorf("progress called %d times, want %d", len(calls), len(reqs))
	}
	for i, d := range calls {
		if d != i+1 {
			t.Errorf("progress call %d says %d done", i, d)
		}
	}
	for i, h := range m.hosts {
		if p := h.peak.Load(); p != 1 {
			t.Errorf("host %d served %d requests at once, want 1", i, p)
		}
	}
	if p := m.peak.Load(); p > 8 || p < 2 {
		t.Errorf("%d requests at once over all hosts, want 2 to 8", p)
	}
	t.Logf("peak %d at once over %d hosts", m.peak.Load(), len(m.hosts))
}

func TestFetchAllCancel(t *testing.T) {
	m := newMeters(t, 2, 10*time.Second, smallRSS)
	var reqs []Request
	for range 5 {
		for _, h := range m.hosts {
			reqs = append(reqs, Request{URL: h.srv.URL})
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	results := testFetcher(Config{}).FetchAll(ctx, reqs, RunOptions{})
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("FetchAll returned %v after the cancel", el)
	}
	for i, r := range results {
		if r.Outcome != Canceled {
			t.Errorf("%d: %v, want Canceled", i, r.Outcome)
		}
	}
	for i, h := range m.hosts {
		if n := h.peak.Load(); n != 1 {
			t.Errorf("host %d got %d requests at once", i, n)
		}
	}
	if n := m.hits.Load(); n != int32(len(m.hosts)) {
		t.Errorf("the servers got %d requests, want %d: one per host before the cancel", n, len(m.hosts))
	}
}

// TestFetchAllCorpus serves every feed document of the corpus from a
// loopback server: each fetched feed equals the file parsed from disk.
func TestFetchAllCorpus(t *testing.T) {
	files := corpusOf(t, "feed")
	dir := corpus.Path(t, "feeds")
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		http.ServeFile(w, r, dir+r.URL.Path)
	})
	var reqs []Request
	for _, cf := range files {
		reqs = append(reqs, Request{URL: srv.URL + "/" + cf.name})
	}
	results := testFetcher(Config{}).FetchAll(context.Background(), reqs, RunOptions{})
	parsed := 0
	for i, r := range results {
		data, err := os.ReadFile(files[i].path)
		if err != nil {
			t.Fatal(err)
		}
		want, perr := Parse(data, "")
		switch {
		case perr != nil && r.Outcome != NotAFeed:
			t.Errorf("%s: parsing the file refused it, fetching gave %v", files[i].name, r.Outcome)
		case perr == nil && r.Outcome != Parsed:
			t.Errorf("%s: fetched %v (%v), the file parses", files[i].name, r.Outcome, r.Err)
		case perr == nil && (len(r.Feed.Items) != len(want.Items) || r.Feed.Title != want.Title):
			t.Errorf("%s: fetched %q with %d items, the file has %q with %d", files[i].name,
				r.Feed.Title, len(r.Feed.Items), want.Title, len(want.Items))
		case perr == nil:
			parsed++
		}
		if r.Outcome == NotAFeed && !strings.Contains(r.Err.Error(), files[i].name) {
			t.Errorf("%s: the refusal does not name the URL: %v", files[i].name, r.Err)
		}
	}
	t.Logf("%d of %d corpus feeds fetched and parsed as from disk", parsed, len(files))
}
