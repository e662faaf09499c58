package feed

import (
	"context"
	"net/url"
	"strconv"
	"strings"
)

// Limits of FetchAll.
const (
	DefaultMaxConcurrent = 8
	DefaultMaxPerHost    = 1
)

// RunOptions tune FetchAll; zero fields take their defaults.
type RunOptions struct {
	MaxConcurrent int // fetches at once, over all hosts
	MaxPerHost    int // fetches at once to one host (host and port)
	// OnResult, when set, is called once per request as its fetch ends,
	// from one goroutine at a time: done of total are finished.
	OnResult func(i int, r Result, done, total int)
}

// FetchAll fetches many feeds, at most MaxConcurrent at once and at most
// MaxPerHost at once to any one host, and returns their results in the
// order of reqs. Once ctx is canceled every fetch, begun or not, ends
// Canceled without a request.
func (f *Fetcher) FetchAll(ctx context.Context, reqs []Request, opt RunOptions) []Result {
	if opt.MaxConcurrent <= 0 {
		opt.MaxConcurrent = DefaultMaxConcurrent
	}
	if opt.MaxPerHost <= 0 {
		opt.MaxPerHost = DefaultMaxPerHost
	}
	results := make([]Result, len(reqs))
	queues := map[string][]int{}
	var hosts []string // in order of first appearance, for a fair round
	for i, r := range reqs {
		h := hostKey(r.URL, i)
		if _, ok := queues[h]; !ok {
			hosts = append(hosts, h)
		}
		queues[h] = append(queues[h], i)
	}

	type finished struct {
		i    int
		host string
		res  Result
	}
	done := make(chan finished)
	busy := map[string]int{}
	running, completed := 0, 0
	report := func(i int, r Result) {
		results[i] = r
		completed++
		if opt.OnResult != nil {
			opt.OnResult(i, r, completed, len(reqs))
		}
	}
	for completed < len(reqs) {
		for _, h := range hosts {
			if running >= opt.MaxConcurrent {
				break
			}
			for busy[h] < opt.MaxPerHost && len(queues[h]) > 0 && running < opt.MaxConcurrent {
				i := queues[h][0]
				queues[h] = queues[h][1:]
				busy[h]++
				running++
				go func() { done <- finished{i: i, host: h, res: f.Fetch(ctx, reqs[i])} }()
			}
		}
		if running == 0 {
			continue
		}
		// A cancel ends the fetches in flight at once, and the ones started
		// after it end before sending anything.
		fin := <-done
		running--
		busy[fin.host]--
		report(fin.i, fin.res)
	}
	return results
}

// hostKey groups requests by the host they go to; a URL with no host is a
// group of its own, refused at once by Fetch.
func hostKey(raw string, i int) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return "#" + strconv.Itoa(i)
	}
	return strings.ToLower(u.Host)
}
