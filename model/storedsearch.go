package model

import (
	"context"
	"slices"
)

// A Searcher finds the lazy articles of a library (see Lazy) whose text
// matches a query: their bodies are not in memory, so the library's own
// index cannot. Feed items are searched in the store this way.
type Searcher interface {
	// SearchStored returns the matching articles' keys, best first, each
	// with its text, in which a snippet is found when one is shown.
	SearchStored(ctx context.Context, q StoredQuery) ([]StoredMatch, error)
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
	Key  string
	Text string // what the search matched in: body first, then the rest
}

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
	keys := l.keyPositions()
	for _, m := range matches {
		pos, ok := keys[m.Key]
		if !ok {
			continue // stored since this library was listed
		}
		results = append(results, Result{Article: l.Articles[pos], Index: pos, terms: q.terms, text: m.Text})
	}
	return results, nil
}

// keyPositions maps the keys of the library's lazy articles to their
// positions, made on the first search.
func (l *Library) keyPositions() map[string]int {
	l.keysOnce.Do(func() {
		l.keys = map[string]int{}
		for i, a := range l.Articles {
			if a.lazy != nil {
				l.keys[a.Key] = i
			}
		}
	})
	return l.keys
}
