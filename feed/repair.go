package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// Real feeds come cut short (a disk filled up, a generator crashed) and,
// now and then, wrapped in a web page. The repairs below keep what is
// whole: a feed cut short loses the item it was cut in, never gains half
// of one.

// repairTruncatedXML returns an XML feed that ends early cut back to its
// last complete item (or channel element), with the elements still open
// there closed. It reports false for a document that is malformed before
// its end, or not encoded in UTF-8.
func repairTruncatedXML(body []byte) ([]byte, bool) {
	if m := xmlDeclEncoding.FindSubmatch(bytes.TrimLeft(body, " \t\r\n")); m != nil &&
		!strings.EqualFold(string(m[1]), "utf-8") && !strings.EqualFold(string(m[1]), "utf8") {
		return nil, false
	}
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var open, openAtCut []string
	cut := -1
	itemDepth := 1 // Atom entries and RSS 1.0 items sit under the root

	for {
		tok, err := d.RawToken()
		if err != nil {
			var syn *xml.SyntaxError
			ended := errors.Is(err, io.EOF) || (errors.As(err, &syn) && strings.Contains(syn.Msg, "unexpected EOF"))
			if !ended || len(open) == 0 || cut < 0 {
				return nil, false
			}
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(open) == 0 && strings.EqualFold(t.Name.Local, "rss") {
				itemDepth = 2 // RSS 2.0 items sit in the channel
			}
			open = append(open, qualified(t.Name))
		case xml.EndElement:
			if len(open) == 0 {
				return nil, false
			}
			open = open[:len(open)-1]
			if len(open) >= 1 && len(open) <= itemDepth {
				cut = int(d.InputOffset())
				openAtCut = append(openAtCut[:0], open...)
			}
		}
	}
	out := bytes.Clone(body[:cut])
	for i := len(openAtCut) - 1; i >= 0; i-- {
		out = append(out, "</"+openAtCut[i]+">"...)
	}
	return out, true
}

func qualified(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// repairTruncatedJSON returns a JSON Feed that ends early with the items
// that arrived whole. It reports false when the document is not a JSON
// object cut short inside or after its items.
func repairTruncatedJSON(body []byte) ([]byte, bool) {
	d := json.NewDecoder(bytes.NewReader(body))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil, false
	}
	doc := map[string]any{}
	var items []json.RawMessage
	sawItems := false
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			break
		}
		key, _ := tok.(string)
		if key != "items" {
			var v json.RawMessage
			if err := d.Decode(&v); err != nil {
				break
			}
			doc[key] = v
			continue
		}
		if tok, err := d.Token(); err != nil || tok != json.Delim('[') {
			break
		}
		sawItems = true
		for d.More() {
			var it json.RawMessage
			if err := d.Decode(&it); err != nil {
				break
			}
			items = append(items, it)
		}
	}
	if !sawItems || len(items) == 0 {
		return nil, false
	}
	doc["items"] = items
	out, err := json.Marshal(doc)
	return out, err == nil
}

// embeddedFeed returns the feed element inside a document whose root is
// something else, such as a feed saved inside an XHTML page.
func embeddedFeed(body []byte) ([]byte, bool) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	start, depth := -1, 0
	for {
		before := d.InputOffset()
		tok, err := d.RawToken()
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if start < 0 && depth > 1 && isFeedRoot(t.Name.Local) {
				start, depth = int(before), 1
			}
		case xml.EndElement:
			depth--
			if start >= 0 && depth == 0 {
				return body[start:d.InputOffset()], true
			}
		}
	}
}

func isFeedRoot(local string) bool {
	switch strings.ToLower(local) {
	case "feed", "rss", "rdf":
		return true
	}
	return false
}
