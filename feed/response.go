package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Outcome is what became of one fetch.
type Outcome int

const (
	Parsed          Outcome = iota // 2xx with a feed: Result.Feed holds it
	NotModified                    // 304: nothing changed, no body was read
	Gone                           // 410: the feed is gone for good; disable it
	TooManyRequests                // 429: wait Result.RetryAfter, if given
	Unavailable                    // 503: wait Result.RetryAfter, if given
	HTTPError                      // any other status that is not success
	TooLarge                       // the body passed the size cap
	NotAFeed                       // the body is no feed kiosk can read
	Unreachable                    // no answer: network, timeout, redirects
	Refused                        // the URL is not one kiosk fetches
	Canceled                       // the caller canceled the fetch
)

var outcomeNames = [...]string{
	Parsed: "parsed", NotModified: "not modified", Gone: "gone",
	TooManyRequests: "too many requests", Unavailable: "unavailable",
	HTTPError: "HTTP error", TooLarge: "too large", NotAFeed: "not a feed",
	Unreachable: "unreachable", Refused: "refused", Canceled: "canceled",
}

func (o Outcome) String() string {
	if o >= 0 && int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return "Outcome(" + strconv.Itoa(int(o)) + ")"
}

// Result is the one typed outcome of a fetch.
type Result struct {
	Outcome Outcome
	URL     string // as requested
	// PermanentURL is where a chain of permanent redirects (301, 308) from
	// URL leads: store it in place of URL. "" when the feed has not moved.
	PermanentURL string
	StatusCode   int // 0 when no response came
	// ETag and LastModified are the validators to send next time.
	ETag         string
	LastModified string
	// RetryAfter is how long a 429 or 503 asks to wait; 0 when unsaid.
	RetryAfter time.Duration
	Feed       *Feed // with Parsed
	// Discovered lists the feeds a web page names, when the URL gave a
	// page instead of a feed (NotAFeed).
	Discovered []FeedLink
	Err        error // nil only for Parsed and NotModified
}

// Failed reports whether the fetch failed, so that the feed backs off.
func (r Result) Failed() bool { return r.Outcome != Parsed && r.Outcome != NotModified }

// handleResponse turns every HTTP answer into a Result: the one place that
// decides what a status, a header or a body means.
func (f *Fetcher) handleResponse(ctx context.Context, req Request, resp *http.Response) Result {
	res := Result{
		URL:          req.URL,
		StatusCode:   resp.StatusCode,
		ETag:         req.ETag,
		LastModified: req.LastModified,
	}
	switch code := resp.StatusCode; {
	case code == http.StatusNotModified:
		res.Outcome = NotModified
		res.ETag = firstNonEmpty(resp.Header.Get("ETag"), req.ETag)
		res.LastModified = firstNonEmpty(resp.Header.Get("Last-Modified"), req.LastModified)
		return res
	case code == http.StatusGone:
		res.Outcome = Gone
		res.Err = fmt.Errorf("%s: the server says the feed is gone for good (410); kiosk stops fetching it", req.URL)
		return res
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		res.Outcome = Unavailable
		if code == http.StatusTooManyRequests {
			res.Outcome = TooManyRequests
		}
		res.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), serverNow(resp))
		res.Err = fmt.Errorf("%s: %s; kiosk waits %s before asking again", req.URL, resp.Status, retryWords(res.RetryAfter))
		return res
	case code < 200 || code > 299:
		res.Outcome = HTTPError
		res.Err = fmt.Errorf("%s: %s; %s", req.URL, resp.Status, statusAdvice(code))
		return res
	}

	body, res2, ok := f.readBody(ctx, req, resp)
	if !ok {
		res2.StatusCode = resp.StatusCode
		return res2
	}
	res.ETag = resp.Header.Get("ETag")
	res.LastModified = resp.Header.Get("Last-Modified")
	contentType := resp.Header.Get("Content-Type")
	feed, err := Parse(body, contentType)
	if err != nil {
		res.Outcome = NotAFeed
		res.Err = fmt.Errorf("%s: %w", req.URL, err)
		if links, derr := Discover(bytes.NewReader(body), contentType, resp.Request.URL.String()); derr == nil {
			res.Discovered = links
		}
		return res
	}
	res.Outcome, res.Feed = Parsed, feed
	return res
}

// readBody reads a success body, undoing gzip, and stops at the size cap
// counted after decompression, so a gzip bomb costs no more than a big
// feed.
func (f *Fetcher) readBody(ctx context.Context, req Request, resp *http.Response) ([]byte, Result, bool) {
	max := f.cfg.MaxBodySize
	tooLarge := Result{Outcome: TooLarge, URL: req.URL,
		Err: fmt.Errorf("%s: the feed is larger than %d MiB; kiosk reads no more of it", req.URL, max>>20)}
	var r io.Reader = resp.Body
	if strings.EqualFold(strings.TrimSpace(resp.Header.Get("Content-Encoding")), "gzip") {
		gz, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, Result{Outcome: NotAFeed, URL: req.URL, Err: fmt.Errorf("%s: the body claims gzip but is not: %w", req.URL, err)}, false
		}
		defer gz.Close()
		r = gz
	} else if resp.ContentLength > max {
		return nil, tooLarge, false
	}
	body, err := io.ReadAll(io.LimitReader(r, max+1))
	switch {
	case int64(len(body)) > max:
		return nil, tooLarge, false
	case err != nil && ctx.Err() != nil:
		return nil, f.transportFailure(ctx, req, ctx.Err()), false
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, Result{Outcome: Unreachable, URL: req.URL,
			Err: fmt.Errorf("%s: the connection closed before the whole feed arrived; kiosk tries again later", req.URL)}, false
	case err != nil:
		return nil, Result{Outcome: Unreachable, URL: req.URL, Err: fmt.Errorf("%s: reading the feed: %w", req.URL, err)}, false
	}
	return body, Result{}, true
}

// parseRetryAfter reads Retry-After as seconds or as an HTTP date, which is
// measured against the server's own clock when it sent one.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		return time.Duration(min(secs, int64(MaxRetryAfter/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), MaxRetryAfter)
	}
	return 0
}

func serverNow(resp *http.Response) time.Time {
	if t, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
		return t
	}
	return time.Now()
}

func retryWords(d time.Duration) string {
	if d <= 0 {
		return "its usual back-off"
	}
	return d.String()
}

func statusAdvice(code int) string {
	switch {
	case code == http.StatusNotFound:
		return "the feed is not there; check its URL (it may have moved)"
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return "the server refuses kiosk access to the feed"
	case code >= 500:
		return "the server failed; kiosk tries again later"
	case code >= 300 && code < 400:
		return "a redirect without a usable Location"
	}
	return "the server refused the request"
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
