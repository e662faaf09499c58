package feed

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"
	"github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
)

// ParseError says why a document was refused as a feed.
type ParseError struct {
	Reason string // what is wrong with the document, for people
	Err    error  // the parser's own error, when there is one
}

func (e *ParseError) Error() string {
	if e.Err != nil {
		return "not a readable feed: " + e.Reason + ": " + e.Err.Error()
	}
	return "not a readable feed: " + e.Reason
}

func (e *ParseError) Unwrap() error { return e.Err }

// Parse reads an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1
// document. contentType is the HTTP Content-Type the body came with, or ""
// for a file; its charset is used only as toUTF8 describes.
func Parse(body []byte, contentType string) (*Feed, error) {
	body = toUTF8(body, contentType)
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, &ParseError{Reason: "the document is empty"}
	}
	gf, err := parseWithGofeed(body)
	if err == nil {
		return fromGofeed(gf), nil
	}
	for _, r := range repairsFor(body, err) {
		fixed, ok := r.repair(body)
		if !ok {
			continue
		}
		if gf, rerr := parseWithGofeed(fixed); rerr == nil && (len(gf.Items) > 0 || !r.truncated) {
			f := fromGofeed(gf)
			f.Truncated = r.truncated
			return f, nil
		}
	}
	return nil, refusal(body, err)
}

// A repair rewrites a document gofeed refused into one it may read.
type repair struct {
	repair    func([]byte) ([]byte, bool)
	truncated bool // the repair drops a tail cut short
}

// repairsFor lists the repairs worth trying on a document gofeed refused
// with err, in order.
func repairsFor(body []byte, err error) []repair {
	if looksLikeJSON(body) {
		return []repair{
			{repair: normaliseJSONFeed},
			{repair: func(b []byte) ([]byte, bool) {
				cut, ok := repairTruncatedJSON(b)
				if !ok {
					return nil, false
				}
				if fixed, ok := normaliseJSONFeed(cut); ok {
					return fixed, true
				}
				return cut, true
			}, truncated: true},
		}
	}
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return []repair{{repair: embeddedFeed}}
	}
	return []repair{{repair: repairTruncatedXML, truncated: true}}
}

func parseWithGofeed(body []byte) (gf *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			gf, err = nil, fmt.Errorf("the feed parser failed: %v", r)
		}
	}()
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	// kiosk takes no item image; scanning every item's HTML for one
	// costs a third of the parse.
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	return p.Parse(bytes.NewReader(body))
}

// refusal explains a document the parser refused in words a user can act
// on.
func refusal(body []byte, err error) *ParseError {
	head := strings.ToLower(string(bytes.TrimSpace(body[:min(len(body), 512)])))
	switch {
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected) && isWebPage(head):
		return &ParseError{Reason: "this is a web page, not a feed (a page can name its feeds: try autodiscovery)"}
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected) && strings.Contains(head, "<opml"):
		return &ParseError{Reason: "this is an OPML subscription list, not a feed (import it instead)"}
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		if m := firstTag.FindStringSubmatch(head); m != nil && htmlFragmentTags[m[1]] {
			return &ParseError{Reason: "this is a piece of HTML starting with <" + m[1] + ">, not a feed"}
		} else if m != nil {
			return &ParseError{Reason: "the root element <" + m[1] + "> is not <rss>, <rdf:RDF> or <feed>: neither RSS, Atom nor JSON Feed"}
		}
		return &ParseError{Reason: "neither XML nor JSON: the document does not start with < or {"}
	case looksLikeJSON(body):
		return &ParseError{Reason: "the JSON is not a valid JSON Feed", Err: err}
	default:
		return &ParseError{Reason: "the XML is malformed or cut short", Err: err}
	}
}

// firstTag finds the name of the first element, past any declaration,
// comment or doctype.
var firstTag = regexp.MustCompile(`(?s)^(?:\s|<\?.*?\?>|<!--.*?-->|<![^>]*>)*<([a-z][a-z0-9:-]*)`)

var htmlFragmentTags = map[string]bool{
	"a": true, "article": true, "blockquote": true, "br": true, "div": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"img": true, "ol": true, "p": true, "pre": true, "section": true,
	"span": true, "table": true, "ul": true,
}

func isWebPage(head string) bool {
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body"} {
		if strings.Contains(head, tag) {
			return true
		}
	}
	return false
}

func looksLikeJSON(body []byte) bool {
	t := bytes.TrimLeft(body, " \t\r\n")
	return len(t) > 0 && t[0] == '{'
}

func fromGofeed(gf *gofeed.Feed) *Feed {
	f := &Feed{
		Title:       strings.TrimSpace(gf.Title),
		SiteURL:     strings.TrimSpace(gf.Link),
		Description: gf.Description,
	}
	// Which item texts are plain text, to be made HTML; gofeed hands
	// them over without saying.
	var textContent func(i int) bool
	summaryIsText := false
	switch orig := gf.OriginalFeed().(type) {
	case *rss.Feed:
		f.TTL = parseTTL(orig.TTL)
		f.SkipHours = parseSkipHours(orig.SkipHours)
	case *json.Feed:
		textContent = func(i int) bool { return i < len(orig.Items) && orig.Items[i].ContentHTML == "" }
		summaryIsText = true
	case *atom.Feed:
		textContent = func(i int) bool {
			return i < len(orig.Entries) && orig.Entries[i].Content != nil && orig.Entries[i].Content.Type == "text"
		}
	}
	feedAuthor := personName(gf.Authors, gf.Author)
	if feedAuthor == "" && gf.ITunesExt != nil {
		feedAuthor = strings.TrimSpace(gf.ITunesExt.Author)
	}
	if feedAuthor == "" && gf.DublinCoreExt != nil && len(gf.DublinCoreExt.Creator) > 0 {
		feedAuthor = strings.TrimSpace(gf.DublinCoreExt.Creator[0])
	}
	f.Items = make([]Item, 0, len(gf.Items))
	for i, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := Item{
			GUID:       strings.TrimSpace(gi.GUID),
			Link:       strings.TrimSpace(gi.Link),
			Title:      strings.TrimSpace(gi.Title),
			Author:     itemAuthor(gi, feedAuthor),
			Published:  timeOf(gi.PublishedParsed),
			Updated:    timeOf(gi.UpdatedParsed),
			Content:    gi.Content,
			Summary:    gi.Description,
			Categories: gi.Categories,
		}
		if textContent != nil && textContent(i) {
			it.Content = textToHTML(it.Content)
		}
		if summaryIsText {
			it.Summary = textToHTML(it.Summary)
		}
		f.Items = append(f.Items, it)
	}
	return f
}

// itemAuthor takes the author from the item, then Dublin Core's creator,
// then iTunes, then the feed.
func itemAuthor(gi *gofeed.Item, feedAuthor string) string {
	if name := personName(gi.Authors, gi.Author); name != "" {
		return name
	}
	if gi.DublinCoreExt != nil {
		for _, c := range gi.DublinCoreExt.Creator {
			if c = strings.TrimSpace(c); c != "" {
				return c
			}
		}
	}
	if gi.ITunesExt != nil {
		if a := strings.TrimSpace(gi.ITunesExt.Author); a != "" {
			return a
		}
	}
	return feedAuthor
}

func personName(people []*gofeed.Person, single *gofeed.Person) string {
	if single != nil {
		people = append([]*gofeed.Person{single}, people...)
	}
	for _, p := range people {
		if p == nil {
			continue
		}
		if n := strings.TrimSpace(p.Name); n != "" {
			return n
		}
		if e := strings.TrimSpace(p.Email); e != "" {
			return e
		}
	}
	return ""
}

func timeOf(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

// parseTTL reads RSS <ttl>, a number of minutes.
func parseTTL(s string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n <= 0 {
		return 0
	}
	return time.Duration(n) * time.Minute
}

func parseSkipHours(hours []string) []int {
	var out []int
	for _, h := range hours {
		n, err := strconv.Atoi(strings.TrimSpace(h))
		if err != nil || n < 0 || n > 24 {
			continue
		}
		out = append(out, n%24) // some feeds write midnight as 24
	}
	return out
}

// textToHTML turns plain text into HTML paragraphs, so that every Content
// and Summary is HTML whatever the feed format.
func textToHTML(text string) string {
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if text == "" {
		return ""
	}
	var b strings.Builder
	for para := range strings.SplitSeq(text, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(para), "\n", "<br>"))
		b.WriteString("</p>")
	}
	return b.String()
}
