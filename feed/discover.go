package feed

import (
	"fmt"
	"io"
	"mime"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// FeedLink is a feed a web page names in <link rel="alternate">.
type FeedLink struct {
	URL   string // absolute
	Title string
	Type  string // application/rss+xml, application/atom+xml, ...
}

// feedTypes are the link types that name a feed. Plain application/json is
// left out: WordPress names its REST API that way on every page.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/rdf+xml":   true,
}

// Discover lists the feeds an HTML page names, in page order, each once,
// with relative URLs resolved against the page's <base> or pageURL.
// contentType is the page's HTTP Content-Type, or "" for a file; it and the
// page's own <meta charset> decide how the page is decoded.
func Discover(page io.Reader, contentType, pageURL string) ([]FeedLink, error) {
	base, err := url.Parse(pageURL)
	if err != nil {
		return nil, fmt.Errorf("page URL %q: %w", pageURL, err)
	}
	r, err := charset.NewReader(page, contentType)
	if err != nil {
		return nil, fmt.Errorf("reading the page at %s: %w", pageURL, err)
	}
	var links []FeedLink
	seen := map[string]bool{}
	z := html.NewTokenizer(r)
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return links, nil
			}
			return links, fmt.Errorf("reading the page at %s: %w", pageURL, z.Err())
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "base":
				if href := attrOf(tok, "href"); href != "" {
					if b, err := base.Parse(href); err == nil {
						base = b
					}
				}
			case "link":
				l, ok := feedLinkOf(tok, base)
				if ok && !seen[l.URL] {
					seen[l.URL] = true
					links = append(links, l)
				}
			}
		}
	}
}

func feedLinkOf(tok html.Token, base *url.URL) (FeedLink, bool) {
	if !hasToken(attrOf(tok, "rel"), "alternate") {
		return FeedLink{}, false
	}
	typ, _, err := mime.ParseMediaType(attrOf(tok, "type"))
	if err != nil || !feedTypes[typ] {
		return FeedLink{}, false
	}
	href := attrOf(tok, "href")
	if href == "" {
		return FeedLink{}, false
	}
	u, err := base.Parse(href)
	if err != nil {
		return FeedLink{}, false
	}
	if _, err := CheckURL(u.String()); err != nil {
		return FeedLink{}, false
	}
	return FeedLink{URL: u.String(), Title: strings.TrimSpace(attrOf(tok, "title")), Type: typ}, true
}

func attrOf(tok html.Token, name string) string {
	for _, a := range tok.Attr {
		if a.Key == name {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

// hasToken reports whether a space-separated list such as rel holds word.
func hasToken(list, word string) bool {
	for f := range strings.FieldsSeq(list) {
		if strings.EqualFold(f, word) {
			return true
		}
	}
	return false
}
