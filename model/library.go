package model

import (
	"sync"
	"sync/atomic"
)

// Skipped is a file that did not become an article, and why.
type Skipped struct {
	Path   string
	Reason string
}

// Library is a loaded set of articles in a stable order (by path).
// Once loaded it is read-only and safe to share between goroutines; a
// watched library changes by making a new Library (see Watch).
type Library struct {
	// Name describes where the library came from, for headers.
	Name     string
	Articles []*Article
	Skipped  []Skipped
	// Searcher, when set, finds the library's lazy articles (see Find).
	Searcher Searcher

	// index is built on the first search, and handed on to the next
	// snapshot of a watched library, which updates it in place.
	index     atomic.Pointer[Index]
	indexOnce sync.Once
	positions map[*Article]int

	keysOnce sync.Once
	keys     map[string]int
}

// searchIndex returns the library's index, building it on first use, and
// the position of each of this snapshot's articles.
func (l *Library) searchIndex() (*Index, map[*Article]int) {
	l.indexOnce.Do(func() {
		if l.index.Load() == nil {
			l.index.Store(NewIndex(l.Articles))
		}
		// Lazy articles are not in the index (a Searcher finds them):
		// a library of 100,000 feed items needs no map of them here.
		l.positions = map[*Article]int{}
		for i, a := range l.Articles {
			if a.lazy == nil {
				l.positions[a] = i
			}
		}
	})
	return l.index.Load(), l.positions
}

// IDs returns the IDs of the library's articles, in order.
func (l *Library) IDs() []string {
	ids := make([]string, len(l.Articles))
	for i, a := range l.Articles {
		ids[i] = a.ID
	}
	return ids
}

// Indexed reports whether the search index is built, so that the first
// search of a large library can say it is building it.
func (l *Library) Indexed() bool { return l.index.Load() != nil }
