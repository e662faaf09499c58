package model

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// errNoReadableText is returned for a page with no article text in it.
var errNoReadableText = errors.New("no readable text in the page")

// ParsePage turns a web page into an article: the text a person came to
// read, found by go-readability (Mozilla's Readability in Go), as blocks
// (see HTMLBlocks), with the page's title, byline, site name (as Feed),
// published date and address (as Link).
//
// name gives the article's ID and Source, as for Parse. pageURL is where
// the page came from: relative links resolve against it; nil for a file,
// when the page's canonical address, if it names one, serves instead.
// contentType is the HTTP Content-Type header, or "" for a file: the
// charset comes from it, else from the page's <meta charset>, else from
// the bytes themselves.
func ParsePage(name string, data []byte, pageURL *url.URL, contentType string) (*Article, error) {
	a, _, err := readPage(name, data, pageURL, contentType, true)
	return a, err
}

// ParsePageHTML is ParsePage that also returns the readable part of the
// page as HTML, to keep (the full text of a feed item) and turn into
// blocks again with HTMLBlocks when it is read.
func ParsePageHTML(name string, data []byte, pageURL *url.URL, contentType string) (*Article, string, error) {
	a, content, err := readPage(name, data, pageURL, contentType, true)
	if err != nil {
		return nil, "", err
	}
	var b strings.Builder
	if err := html.Render(&b, content); err != nil {
		return nil, "", err
	}
	return a, b.String(), nil
}

// readPage is ParsePage, returning the page's readable content too;
// markers says whether to add link references and image placeholders (see
// nodeBlocks).
func readPage(name string, data []byte, pageURL *url.URL, contentType string, markers bool) (*Article, *html.Node, error) {
	text, err := decodePage(data, contentType)
	if err != nil {
		return nil, nil, err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, nil, fmt.Errorf("not HTML: %w", err)
	}
	if pageURL == nil {
		pageURL = canonicalURL(doc)
	}
	dropScreenReaderText(doc)
	parser := readability.NewParser()
	page, err := parser.ParseAndMutate(doc, pageURL)
	if err != nil {
		return nil, nil, err
	}
	if page.Node == nil {
		return nil, nil, errNoReadableText
	}
	a := &Article{ID: idFromName(name), Source: Sanitize(name), path: name}
	a.Blocks, a.Links = nodeBlocks(page.Node, pageURL, markers)
	if len(a.Blocks) == 0 {
		return nil, nil, errNoReadableText
	}
	a.Title = oneLine(page.Title())
	a.Byline = trimByPrefix(oneLine(page.Byline()))
	a.Feed = oneLine(page.SiteName())
	if t, err := page.PublishedTime(); err == nil {
		a.Published = t
	}
	if pageURL != nil && (pageURL.Scheme == "http" || pageURL.Scheme == "https") {
		a.Link = Sanitize(pageURL.String())
	}
	dropRepeatedByline(a)
	if a.Title == "" {
		a.Title = deriveTitle(a.Blocks, name)
	}
	for _, b := range a.Blocks {
		a.Words += countWords(b.Text)
	}
	compact(a)
	return a, page.Node, nil
}

// parseHTMLFile reads an .html or .htm file of a library as a web page.
func parseHTMLFile(name string, data []byte) (*Article, error) {
	return ParsePage(name, data, nil, "")
}

// decodePage turns a page's bytes into UTF-8 by the charset the HTTP
// header, a byte order mark or the page's meta element names, or by what
// the bytes look like.
func decodePage(data []byte, contentType string) (string, error) {
	if looksBinary(data) && !bytes.HasPrefix(data, []byte{0xff, 0xfe}) && !bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		if _, ok := sniffUTF16(data); !ok {
			return "", errBinary
		}
	}
	if !headerNamesCharset(contentType) && utf8.Valid(data) {
		// Valid UTF-8 is hardly ever anything else, whatever a <meta> in
		// a saved or converted page still claims.
		return string(bytes.TrimPrefix(data, []byte{0xef, 0xbb, 0xbf})), nil
	}
	enc, _, _ := charset.DetermineEncoding(data, contentType)
	b, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("cannot decode the page: %w", err)
	}
	return string(b), nil
}

func headerNamesCharset(contentType string) bool {
	_, params, err := mime.ParseMediaType(contentType)
	return err == nil && params["charset"] != ""
}

// canonicalURL is the address a saved page names for itself, or nil.
func canonicalURL(doc *html.Node) *url.URL {
	var found string
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found == ""; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "link":
				if rel, _ := attr(c, "rel"); strings.EqualFold(strings.TrimSpace(rel), "canonical") {
					found, _ = attr(c, "href")
				}
			case "meta":
				if p, _ := attr(c, "property"); p == "og:url" {
					found, _ = attr(c, "content")
				}
			case "body":
				continue
			}
			visit(c)
		}
	}
	visit(doc)
	u, err := url.Parse(strings.TrimSpace(found))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// oneLine sanitises metadata and collapses its white space.
func oneLine(s string) string {
	return strings.Join(strings.Fields(Sanitize(s)), " ")
}

// trimByPrefix drops the "By" that bylines on pages often start with.
func trimByPrefix(s string) string {
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		return strings.TrimSpace(s[3:])
	}
	return s
}

func isHTMLName(name string) bool {
	switch strings.ToLower(path.Ext(strings.ReplaceAll(name, "\\", "/"))) {
	case ".html", ".htm":
		return true
	}
	return false
}
