package model

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"time"
	"weak"
)

// A BodyLoader loads the body of an article that was listed without one
// (row): the whole article, with its blocks and links, as ItemArticle
// makes it. It is called from whatever goroutine first needs the body; it
// must be safe to call from any goroutine. One loader serves every article
// of a library: row.Key says which to load.
type BodyLoader func(ctx context.Context, row *Article) (*Article, error)

// lazyBody is the loader of an article listed without its body, and the
// body once loaded. The body is held weakly: while anyone reads it (a pane,
// a printout) every caller gets the same one, and once nobody does the
// memory goes back, so a library of 100,000 items costs its rows, not the
// bodies of the ones opened long ago.
type lazyBody struct {
	load BodyLoader
	mu   sync.Mutex // held while loading: concurrent callers wait for one load
	body weak.Pointer[Article]
}

// Lazy makes an article of its list row: row's ID, Key, Source, Title,
// Byline, Feed, Link and Published (sanitised) are what a list shows, and
// load gives the rest when the article is opened (see Load). A row with no
// title is shown by its feed and date until the body gives it one.
func Lazy(row Article, load BodyLoader) *Article {
	a := Article{
		ID:        row.ID,
		Key:       row.Key,
		Source:    Sanitize(row.Source),
		Title:     cleanLine(row.Title),
		Byline:    trimByPrefix(cleanLine(row.Byline)),
		Published: row.Published,
		Link:      Sanitize(row.Link),
		Feed:      cleanLine(row.Feed),
		path:      row.Source,
		lazy:      &lazyBody{load: load},
	}
	if a.Title == "" {
		a.Title = untitled(a.Feed, a.Published)
	}
	return &a
}

// untitled names an item that has no title of its own in a list.
func untitled(feed string, published time.Time) string {
	name := "Untitled item"
	if feed != "" {
		name += " from " + feed
	}
	if !published.IsZero() {
		name += ", " + published.Format("2 Jan 2006")
	}
	return name
}

// HasBody reports whether a holds its body; an article made by Lazy does
// not, and Load gives it.
func (a *Article) HasBody() bool { return a.lazy == nil }

// Load returns the article with its body: a itself for an article that
// has it, else the body its loader gives, loaded once however many
// goroutines ask at the same time, and kept while anyone holds it. The
// loaded article keeps a's ID, Key and Source, so that reading state and
// renderings stay with the row the list shows. A failed load is not kept:
// the next call tries again.
func (a *Article) Load(ctx context.Context) (*Article, error) {
	if a.lazy == nil {
		return a, nil
	}
	l := a.lazy
	l.mu.Lock()
	defer l.mu.Unlock()
	if body := l.body.Value(); body != nil {
		return body, nil
	}
	body, err := l.load(ctx, a)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", a.Title, err)
	}
	if body == nil {
		return nil, fmt.Errorf("%s: %w", a.Title, errNoBody)
	}
	body.ID, body.Key, body.Source, body.path = a.ID, a.Key, a.Source, a.path
	l.body = weak.Make(body)
	return body, nil
}

var errNoBody = errors.New("its body could not be found")

// ItemArticle makes the article of a feed item from its list row and its
// HTML content (or summary, or the readable text of its page): the content
// as blocks and link references (see HTMLBlocks), links resolved against
// base (the item's link; may be nil). Row text is sanitised; a row without
// a title takes one from the text, as a file does.
func ItemArticle(row Article, contentHTML string, base *url.URL) *Article {
	a := &Article{
		ID:        row.ID,
		Key:       row.Key,
		Source:    Sanitize(row.Source),
		Title:     oneLine(row.Title),
		Byline:    trimByPrefix(oneLine(row.Byline)),
		Published: row.Published,
		Link:      Sanitize(row.Link),
		Feed:      oneLine(row.Feed),
		path:      row.Source,
	}
	a.Blocks, a.Links = HTMLBlocks(contentHTML, base)
	if a.Title == "" {
		a.Title = deriveTitle(a.Blocks, row.ID)
	}
	for _, b := range a.Blocks {
		a.Words += countWords(b.Text)
	}
	compact(a)
	return a
}

// cleanLine is oneLine that returns s itself when it is clean already, so
// that 100,000 rows naming a few feeds share their names' memory.
func cleanLine(s string) string {
	if isClean(s) && !strings.Contains(s, "  ") && strings.TrimSpace(s) == s && !strings.ContainsAny(s, "\t\n\r\v\f") {
		return s
	}
	return oneLine(s)
}

// SameText reports whether a and b are the same article with the same
// text, so that a rendering of one is a rendering of the other: a stored
// item listed again after a fetch, or a file saved again unchanged.
func (a *Article) SameText(b *Article) bool {
	x, y := *a, *b
	x.path, x.lazy, y.path, y.lazy = "", nil, "", nil
	return reflect.DeepEqual(x, y)
}
