// Package model turns plain-text news files into articles and loads them
// into a library. It knows nothing of terminals.
package model

import "time"

// BlockKind says what a block of an article's body is.
type BlockKind int

const (
	// Paragraph is running text.
	Paragraph BlockKind = iota
	// Heading is a section heading inside the body.
	Heading
	// ListItem is one bullet of a list, without its bullet.
	ListItem
	// OrderedItem is one item of a numbered list, without its number; the
	// number is the block's Number.
	OrderedItem
	// Quote is a block quote, without its quote markers.
	Quote
	// Preformatted is text laid out by its writer (a table, aligned columns,
	// tab-separated data, code): shown verbatim, never re-wrapped. Its Text
	// keeps its lines and inner spacing.
	Preformatted
)

// String names the kind as it appears in JSON output.
func (k BlockKind) String() string {
	switch k {
	case Heading:
		return "heading"
	case ListItem:
		return "list_item"
	case OrderedItem:
		return "ordered_item"
	case Quote:
		return "quote"
	case Preformatted:
		return "preformatted"
	default:
		return "paragraph"
	}
}

// Block is one piece of an article's body, in reading order.
type Block struct {
	Kind BlockKind
	Text string
	// Number is an OrderedItem's number as written; 0 for other kinds.
	Number int
}

// Comments is the footer that states or offers reader comments.
type Comments struct {
	// Count is the number of comments the footer states; valid when HasCount.
	Count    int
	HasCount bool
	// Lines are the footer's lines as written.
	Lines []string
}

// Article is one parsed news file. All text in it has been sanitised:
// it holds no control characters other than newline and tab.
type Article struct {
	// ID names the article for `kiosk show`: derived from the file's base
	// name, with a suffix (-2, -3, …) when another file in the library has
	// the same base name.
	ID string
	// Key identifies the article in the reading state, and never moves
	// while the article stays where it is (see key.go).
	Key string
	// Source is the path the article was read from, or its embedded name.
	Source string
	Title  string
	// Byline is the author, without "Von:" or "By"; empty when unknown.
	Byline string
	// Dateline is the place part of a lead such as "Paris/Moskau – ".
	Dateline string
	Blocks   []Block
	// Comments is nil when the article has no comments footer.
	Comments *Comments
	// Markdown is true when block text is markdown to keep, not text to escape.
	Markdown bool
	Words    int

	// Published is when a feed item or web page says it was published; zero
	// when unknown (files).
	Published time.Time
	// Link is the web address of a feed item or page; empty for files.
	Link string
	// Feed names the feed an item came from, or a page's site; empty for files.
	Feed string
	// Links are the addresses of the links in the body, in order: the body
	// refers to them as [1], [2], ...
	Links []string

	// path is the name the article was parsed from, unsanitised, so that a
	// watched library can match file events to articles.
	path string
	// lazy loads the body of an article listed without one (see Lazy).
	lazy *lazyBody
}

// wordsPerMinute is a common adult reading speed for news text.
const wordsPerMinute = 220

// ReadingMinutes is the estimated reading time, at least one minute.
func (a *Article) ReadingMinutes() int {
	return max(1, (a.Words+wordsPerMinute/2)/wordsPerMinute)
}

// Headings returns the text of the article's section headings in order.
func (a *Article) Headings() []string {
	var hs []string
	for _, b := range a.Blocks {
		if b.Kind == Heading {
			hs = append(hs, b.Text)
		}
	}
	return hs
}

// Paragraphs counts the article's paragraph blocks.
func (a *Article) Paragraphs() int {
	n := 0
	for _, b := range a.Blocks {
		if b.Kind == Paragraph {
			n++
		}
	}
	return n
}
