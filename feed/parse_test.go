package feed

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func mustParse(t *testing.T, body, contentType string) *Feed {
	t.Helper()
	f, err := Parse([]byte(body), contentType)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return f
}

const authorsRSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Authors</title><link>https://example.org/</link><itunes:author>Feed Person</itunes:author>
<ttl>90</ttl><skipHours><hour>0</hour><hour>24</hour><hour>7</hour></skipHours>
<item><title>one</title><author>anna@example.org (Anna Item)</author><dc:creator>Dee Creator</dc:creator><itunes:author>Ian Tunes</itunes:author></item>
<item><title>two</title><dc:creator>Dee Creator</dc:creator><itunes:author>Ian Tunes</itunes:author></item>
<item><title>three</title><itunes:author>Ian Tunes</itunes:author></item>
<item><title>four</title></item>
</channel></rss>`

func TestParseAuthorPrecedence(t *testing.T) {
	f := mustParse(t, authorsRSS, "")
	want := []string{"Anna Item", "Dee Creator", "Ian Tunes", "Feed Person"}
	if len(f.Items) != len(want) {
		t.Fatalf("got %d items, want %d", len(f.Items), len(want))
	}
	for i, w := range want {
		if f.Items[i].Author != w {
			t.Errorf("item %q: author %q, want %q", f.Items[i].Title, f.Items[i].Author, w)
		}
	}
}

func TestParseTTLAndSkipHours(t *testing.T) {
	f := mustParse(t, authorsRSS, "")
	if f.TTL != 90*time.Minute {
		t.Errorf("TTL %v, want 1h30m", f.TTL)
	}
	if got := f.SkipHours; len(got) != 3 || got[0] != 0 || got[1] != 0 || got[2] != 7 {
		t.Errorf("SkipHours %v, want [0 0 7] (24 read as midnight)", got)
	}
	if f.Title != "Authors" || f.SiteURL != "https://example.org/" {
		t.Errorf("title %q, site %q", f.Title, f.SiteURL)
	}
}

func latin1(s string) string {
	b, err := charmap.ISO8859_1.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

func rssWithTitle(decl, title string) string {
	return decl + `<rss version="2.0"><channel><title>` + title + `</title><item><title>x</title></item></channel></rss>`
}

func TestParseCharsets(t *testing.T) {
	const want = "Café Zürich"
	cases := []struct {
		name, body, contentType string
	}{
		{"UTF-8, no declaration, no header", rssWithTitle("", want), ""},
		{"ISO-8859-1 declared", rssWithTitle(`<?xml version="1.0" encoding="ISO-8859-1"?>`, latin1(want)), ""},
		{"ISO-8859-1 declared, header says UTF-8: the declaration wins, decoded once", rssWithTitle(`<?xml version="1.0" encoding="ISO-8859-1"?>`, latin1(want)), "application/rss+xml; charset=utf-8"},
		{"UTF-8 declared, header says ISO-8859-1: decoded once", rssWithTitle(`<?xml version="1.0" encoding="UTF-8"?>`, want), "text/xml; charset=iso-8859-1"},
		{"ISO-8859-1 undeclared, header says so", rssWithTitle(`<?xml version="1.0"?>`, latin1(want)), "text/xml; charset=ISO-8859-1"},
		{"ISO-8859-1 undeclared, no header: sniffed", rssWithTitle("", latin1(want)), ""},
		{"ISO-8859-1 undeclared, header wrongly says UTF-8", rssWithTitle("", latin1(want)), "text/xml; charset=utf-8"},
		{"UTF-8 undeclared, header wrongly says ISO-8859-1", rssWithTitle("", want), "text/xml; charset=iso-8859-1"},
		{"UTF-8 with a byte order mark", "\xef\xbb\xbf" + rssWithTitle(`<?xml version="1.0" encoding="UTF-8"?>`, want), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := mustParse(t, c.body, c.contentType).Title; got != want {
				t.Errorf("title %q, want %q", got, want)
			}
		})
	}
	t.Run("UTF-16 with a byte order mark, declared", func(t *testing.T) {
		body, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(
			rssWithTitle(`<?xml version="1.0" encoding="UTF-16"?>`, want))
		if err != nil {
			t.Fatal(err)
		}
		if got := mustParse(t, body, "").Title; got != want {
			t.Errorf("title %q, want %q", got, want)
		}
	})
}

func TestParseJSONFeedTagsAsString(t *testing.T) {
	body := `{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[
		{"id":"1","title":"one","tags":"solo","content_text":"Plain <text> & more\n\nSecond para"},
		{"id":"2","title":"two","tags":["a","b"],"content_html":"<p>html</p>","summary":"a < b"}]}`
	f := mustParse(t, body, "")
	if len(f.Items) != 2 {
		t.Fatalf("got %d items", len(f.Items))
	}
	if got := f.Items[0].Categories; len(got) != 1 || got[0] != "solo" {
		t.Errorf("tags given as a string: categories %q, want [solo]", got)
	}
	if got := f.Items[0].Content; got != "<p>Plain &lt;text&gt; &amp; more</p><p>Second para</p>" {
		t.Errorf("content_text not turned into HTML: %q", got)
	}
	if got := f.Items[1].Content; got != "<p>html</p>" {
		t.Errorf("content_html changed: %q", got)
	}
	if got := f.Items[1].Summary; got != "<p>a &lt; b</p>" {
		t.Errorf("plain-text summary not escaped: %q", got)
	}
}

func TestParseAtomTextContentBecomesHTML(t *testing.T) {
	body := `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><id>1</id><title>text</title><content type="text">a &lt; b &amp; c</content></entry>
<entry><id>2</id><title>html</title><content type="html">&lt;p&gt;kept&lt;/p&gt;</content></entry></feed>`
	f := mustParse(t, body, "")
	if got := f.Items[0].Content; got != "<p>a &lt; b &amp; c</p>" {
		t.Errorf("text content: %q", got)
	}
	if got := f.Items[1].Content; got != "<p>kept</p>" {
		t.Errorf("html content: %q", got)
	}
}

func TestParseTruncatedKeepsWholeItems(t *testing.T) {
	full := `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>` +
		`<item><title>one</title><description>first</description></item>` +
		`<item><title>two</title><description>second</description></item>` +
		`<item><title>three</title><description>thi`
	f := mustParse(t, full, "")
	if !f.Truncated {
		t.Error("a feed cut short is not marked Truncated")
	}
	if len(f.Items) != 2 || f.Items[1].Summary != "second" {
		t.Errorf("items %+v, want the two whole ones", f.Items)
	}

	atom := `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>` +
		`<entry><id>1</id><title>one</title></entry><entry><id>2</id><title>tw`
	f = mustParse(t, atom, "")
	if len(f.Items) != 1 || !f.Truncated {
		t.Errorf("atom cut short: %d items, truncated %v; want 1, true", len(f.Items), f.Truncated)
	}

	json := `{"version":"https://jsonfeed.org/version/1","title":"J","items":[{"id":"1","title":"one"},{"id":"2","title":"tw`
	f = mustParse(t, json, "")
	if len(f.Items) != 1 || !f.Truncated {
		t.Errorf("JSON cut short: %d items, truncated %v; want 1, true", len(f.Items), f.Truncated)
	}
}

func TestParseRefusesWithReasons(t *testing.T) {
	cases := map[string]string{
		"":                               "empty",
		"   \n":                          "empty",
		"\x00\x01garbage\xff":            "neither XML nor JSON",
		"<html><body>hi</body></html>":   "web page",
		"<p>a fragment</p>":              "piece of HTML",
		"<opml version=\"2.0\"></opml>":  "OPML",
		"<svg></svg>":                    "root element <svg>",
		`{"items": 5}`:                   "JSON",
		"<rss><channel><title>x</title>": "malformed or cut short",
		"<feed><entry><title>x":          "malformed or cut short",
	}
	for body, want := range cases {
		_, err := Parse([]byte(body), "")
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: got %v, want a ParseError", body, err)
			continue
		}
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %q does not say %q", body, err, want)
		}
	}
}

func TestItemKey(t *testing.T) {
	date := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	if k := (Item{GUID: " g1 ", Link: "https://x/1"}).Key(); k != "g1" {
		t.Errorf("GUID first: %q", k)
	}
	if k := (Item{Link: "https://x/1", Title: "t"}).Key(); k != "https://x/1" {
		t.Errorf("link second: %q", k)
	}
	a := Item{Title: "Same", Published: date}.Key()
	b := Item{Title: "Same", Published: date.Add(time.Hour)}.Key()
	c := Item{Title: "Other", Published: date}.Key()
	if !strings.HasPrefix(a, "sha256:") || a == b || a == c {
		t.Errorf("hash of title and date: %q %q %q", a, b, c)
	}
	if a != (Item{Title: "Same", Published: date.In(time.FixedZone("CET", 3600))}).Key() {
		t.Error("the same instant in another zone gives another key")
	}
	if !bytes.Equal([]byte(a), []byte(ItemKey("", "", "Same", date))) {
		t.Error("Item.Key and ItemKey disagree")
	}
}
