package feed

import (
	"context"
	"fmt"
	"net/http"
)

// pageAccept asks for a web page first; a feed given where a page was
// expected is read too.
const pageAccept = "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8"

// Page is a document fetched by GetPage: a web page, or whatever the URL
// gave.
type Page struct {
	URL         string // where it came from, after redirects
	ContentType string
	Body        []byte
}

// GetPage fetches the document at url (a web page, such as the one a feed
// item links to, or a feed given as a path) as politely as Fetch fetches
// feeds: only http and https, kiosk's user agent, gzip, the same timeouts,
// size cap and redirect limit. Any answer but a 2xx is an error that says
// what happened.
func (f *Fetcher) GetPage(ctx context.Context, url string) (Page, error) {
	u, err := CheckURL(url)
	if err != nil {
		return Page{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.cfg.RequestTimeout)
	defer cancel()
	req := Request{URL: url}
	httpReq, err := f.newRequest(ctx, u.String(), req)
	if err != nil {
		return Page{}, err
	}
	httpReq.Header.Set("Accept", pageAccept)
	redirects := &redirectLog{max: f.cfg.MaxRedirects}
	client := &http.Client{Transport: f.transport, CheckRedirect: redirects.check}
	resp, err := client.Do(httpReq)
	if err != nil {
		return Page{}, f.transportFailure(ctx, req, err).Err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return Page{}, fmt.Errorf("%s: %s; %s", url, resp.Status, pageAdvice(resp.StatusCode))
	}
	body, failed, ok := f.readBody(ctx, req, resp)
	if !ok {
		return Page{}, failed.Err
	}
	return Page{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type"), Body: body}, nil
}

func pageAdvice(code int) string {
	switch {
	case code == http.StatusNotFound || code == http.StatusGone:
		return "the page is not there; check the URL"
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return "the server refuses kiosk access to the page"
	case code == http.StatusTooManyRequests || code >= 500:
		return "the server is busy or failed; try again later"
	}
	return "the server refused the request"
}
