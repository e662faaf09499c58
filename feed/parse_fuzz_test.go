package feed

import (
	"errors"
	"testing"
)

// FuzzParseFeed: any document either parses or is refused with a
// ParseError that gives a reason; nothing panics, including the repairs
// tried on documents gofeed refuses.
func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(smallRSS), "")
	f.Add([]byte(smallRSS[:len(smallRSS)/2]), "text/xml; charset=iso-8859-1")
	f.Add([]byte(authorsRSS), "")
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>1</id><content type="text">x</content></entry><entry><id>2`), "")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":1,"tags":"t","content_text":"a\n\nb"},{"id":"2`), "")
	f.Add([]byte(`<html><body><feed xmlns="http://www.w3.org/2005/Atom"><title>in a page</title></feed></body></html>`), "text/html")
	f.Add([]byte("\xff\xfe<\x00r\x00s\x00s\x00>\x00"), "")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		feed, err := Parse(body, contentType)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Reason == "" {
				t.Fatalf("refused without a reason: %v", err)
			}
			return
		}
		if feed == nil {
			t.Fatal("no feed and no error")
		}
	})
}
