package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Feed is one parsed feed document.
type Feed struct {
	Title       string
	SiteURL     string // the web site the feed belongs to
	Description string
	// TTL is how long the publisher asks readers to cache the feed (RSS
	// <ttl>); zero when not given.
	TTL time.Duration
	// SkipHours are the hours of the day (0-23, UTC) in which the publisher
	// asks readers not to fetch (RSS <skipHours>).
	SkipHours []int
	Items     []Item
	// Truncated says the document was cut short: Items holds the items
	// that arrived whole before the cut.
	Truncated bool
}

// Item is one entry of a feed. Content and Summary are HTML, not yet
// sanitised: whoever shows them must.
type Item struct {
	GUID       string
	Link       string
	Title      string
	Author     string
	Published  time.Time // zero when the feed gives no date
	Updated    time.Time // zero when the feed gives no date
	Content    string    // HTML
	Summary    string    // HTML
	Categories []string
}

// Key identifies the item within its feed across fetches: see ItemKey.
func (it Item) Key() string {
	date := it.Published
	if date.IsZero() {
		date = it.Updated
	}
	return ItemKey(it.GUID, it.Link, it.Title, date)
}

// ItemKey is the key items are deduplicated by: the GUID, else the link,
// else a hash of the title and date. The hash form starts with "sha256:" so
// it cannot be mistaken for a GUID or link.
func ItemKey(guid, link, title string, date time.Time) string {
	if g := strings.TrimSpace(guid); g != "" {
		return g
	}
	if l := strings.TrimSpace(link); l != "" {
		return l
	}
	h := sha256.New()
	h.Write([]byte(strings.TrimSpace(title)))
	h.Write([]byte{0})
	if !date.IsZero() {
		h.Write([]byte(date.UTC().Format(time.RFC3339)))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
