package model

import (
	"context"
	"slices"
	"strings"
	"sync"
)

// A Searcher finds the lazy articles of a library (see Lazy) whose text
// matches a query: their bodies are not in memory, so the library's own
// index cannot. Feed items are searched in the store this way.
type Searcher interface {
	// SearchStored returns the matching articles' keys, best first.
	SearchStored(ctx context.Context, q StoredQuery) ([]StoredMatch, error)
	// StoredText returns the text an article SearchStored found was
	// matched in, body first, then the rest: a snippet is cut from it
	// when the result is shown.
	StoredText(ctx context.Context, key string) (string, error)
}

// StoredQuery is a search as a Searcher gets it: every term must match as
// a word or the start of one, and every phrase as written. Terms and
// phrases are folded (lower case, accents removed; see Fold), phrases
// their words joined by single spaces.
type StoredQuery struct {
	Terms   []string
	Phrases []string
}

// StoredMatch is one article a Searcher found.
type StoredMatch struct {
	Key string
}

// snippetsLoaded is how many of the stored results Find loads the text of
// for their snippets: about a screen of them, so that showing the results
// reads nothing; the text of the others is read when they are shown.
const snippetsLoaded = 24

// Find is Search, with the lazy articles that l.Searcher finds after the
// articles of the library's own index, and the Searcher's error.
func (l *Library) Find(ctx context.Context, query string) ([]Result, error) {
	q := parseQuery(query)
	if len(q.terms) == 0 {
		return nil, nil
	}
	results := l.search(q)
	if l.Searcher == nil {
		return results, nil
	}
	matches, err := l.Searcher.SearchStored(ctx, StoredQuery{Terms: slices.Clone(q.terms), Phrases: slices.Clone(q.phrases)})
	if err != nil {
		return results, err
	}
	loaded := 0
	for _, m := range matches {
		pos, ok := l.lazyPosition(m.Key)
		if !ok {
			continue // stored since this library was listed
		}
		text := &storedText{searcher: l.Searcher, key: m.Key}
		if loaded < snippetsLoaded {
			text.get(ctx)
			loaded++
		}
		results = append(results, Result{Article: l.Articles[pos], Index: pos, terms: q.terms, stored: text})
	}
	return results, nil
}

// lazyPosition finds the position of the lazy article with this key by a
// binary search in the positions of the library's lazy articles sorted by
// key, sorted on the first search: a few hundred kilobytes for 100,000
// articles, where a map of their keys took several megabytes.
func (l *Library) lazyPosition(key string) (int, bool) {
	l.keysOnce.Do(func() {
		for i, a := range l.Articles {
			if a.lazy != nil {
				l.byKey = append(l.byKey, int32(i))
			}
		}
		slices.SortFunc(l.byKey, func(a, b int32) int { return strings.Compare(l.Articles[a].Key, l.Articles[b].Key) })
	})
	i, ok := slices.BinarySearchFunc(l.byKey, key, func(pos int32, key string) int { return strings.Compare(l.Articles[pos].Key, key) })
	if !ok {
		return 0, false
	}
	return int(l.byKey[i]), true
}

// storedText is the text a Searcher matched an article in, read once, when
// its snippet is first wanted.
type storedText struct {
	searcher Searcher
	key      string
	once     sync.Once
	text     string
}

// get returns the text, or "" when it cannot be read: the snippet is then
// made from the article's row.
func (t *storedText) get(ctx context.Context) string {
	t.once.Do(func() {
		t.text, _ = t.searcher.StoredText(ctx, t.key)
	})
	return t.text
}
