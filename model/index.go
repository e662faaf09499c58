package model

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Fields of an article that a search term can match, in rank order.
const (
	fieldTitle uint32 = 1 << iota
	fieldHeading
	fieldMeta // byline and dateline
	fieldBody
	fieldComments
	fieldBits = 5
)

// A posting packs one document's use of one term into 32 bits: the
// document slot, the fields the term occurs in, and how often (capped).
// 22 bits of slot allow 4,194,304 documents.
const (
	slotBits = 22
	tfBits   = 32 - slotBits - fieldBits
	maxSlots = 1 << slotBits
	maxTF    = 1<<tfBits - 1
)

type posting uint32

func newPosting(slot int, fields uint32, tf int) posting {
	return posting(uint32(slot)<<(32-slotBits) | fields<<tfBits | uint32(min(tf, maxTF)))
}

func (p posting) slot() int      { return int(p >> (32 - slotBits)) }
func (p posting) fields() uint32 { return uint32(p>>tfBits) & (1<<fieldBits - 1) }
func (p posting) tf() int        { return int(p & maxTF) }

// Index is an inverted index of folded words for full-text search, safe
// for concurrent use. Documents can be added, replaced and removed while
// others search.
type Index struct {
	mu       sync.RWMutex
	postings map[string][]posting
	terms    []string // sorted keys of postings, for prefix lookups; nil when stale
	docs     []*Article
	slots    map[*Article]int
}

// NewIndex indexes articles.
func NewIndex(articles []*Article) *Index {
	ix := &Index{postings: map[string][]posting{}, slots: map[*Article]int{}}
	for _, a := range articles {
		ix.add(a)
	}
	return ix
}

// Add indexes a, or indexes it again if it is already in the index.
func (ix *Index) Add(a *Article) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove(a)
	ix.add(a)
}

// Remove takes a out of the index. Its postings are dropped lazily: a
// search skips removed slots, and the index is rebuilt once they outnumber
// the live ones, so a library whose files keep changing does not make it
// grow without end.
func (ix *Index) Remove(a *Article) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove(a)
	if dead := len(ix.docs) - len(ix.slots); dead > len(ix.slots) && dead > 64 {
		ix.compact()
	}
}

// compact rebuilds the index from its live articles. The caller holds the
// write lock.
func (ix *Index) compact() {
	live := make([]*Article, 0, len(ix.slots))
	for _, a := range ix.docs {
		if a != nil {
			live = append(live, a)
		}
	}
	ix.postings, ix.terms = map[string][]posting{}, nil
	ix.docs, ix.slots = nil, make(map[*Article]int, len(live))
	for _, a := range live {
		ix.add(a)
	}
}

func (ix *Index) remove(a *Article) {
	if slot, ok := ix.slots[a]; ok {
		ix.docs[slot] = nil
		delete(ix.slots, a)
	}
}

func (ix *Index) add(a *Article) {
	if a.lazy != nil {
		return // its text is not here: a Library's Searcher finds it
	}
	slot := len(ix.docs)
	if slot >= maxSlots {
		ix.compact()
		if slot = len(ix.docs); slot >= maxSlots {
			return // over 4 million live articles: beyond what kiosk indexes
		}
	}
	ix.docs = append(ix.docs, a)
	ix.slots[a] = slot
	type use struct {
		fields uint32
		tf     int
	}
	uses := map[string]use{}
	var buf []byte
	note := func(text string, field uint32) {
		buf = foldWords(text, buf, func(w []byte) {
			u := uses[string(w)]
			u.fields |= field
			u.tf++
			uses[string(w)] = u
		})
	}
	note(a.Title, fieldTitle)
	note(a.Byline, fieldMeta)
	note(a.Dateline, fieldMeta)
	for _, b := range a.Blocks {
		if b.Kind == Heading {
			note(b.Text, fieldHeading)
		} else {
			note(b.Text, fieldBody)
		}
	}
	if a.Comments != nil {
		for _, l := range a.Comments.Lines {
			note(l, fieldComments)
		}
	}
	// Assigning to an existing key keeps the dictionary's own copy of the
	// word, so each word is stored once however many articles use it.
	for w, u := range uses {
		if _, ok := ix.postings[w]; !ok {
			ix.terms = nil
		}
		ix.postings[w] = append(ix.postings[w], newPosting(slot, u.fields, u.tf))
	}
}

// forEachWord calls f with each word of text, folded. Words are runs of
// letters and digits.
func forEachWord(text string, f func(string)) {
	foldWords(text, nil, func(w []byte) { f(string(w)) })
}

// foldWords calls f with each word of text folded into buf, which it
// reuses and returns; f must not keep the slice.
func foldWords(text string, buf []byte, f func([]byte)) []byte {
	buf = buf[:0]
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			buf = appendFolded(buf, r)
			continue
		}
		if len(buf) > 0 {
			f(buf)
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		f(buf)
	}
	return buf
}

// sortedTerms returns the dictionary in order, rebuilding it after
// changes. It takes the write lock only to rebuild.
func (ix *Index) sortedTerms() []string {
	ix.mu.RLock()
	terms := ix.terms
	ix.mu.RUnlock()
	if terms != nil {
		return terms
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.terms == nil {
		ix.terms = make([]string, 0, len(ix.postings))
		for t := range ix.postings {
			ix.terms = append(ix.terms, t)
		}
		slices.Sort(ix.terms)
	}
	return ix.terms
}

// hit is one document that matched a query, with its score.
type hit struct {
	article *Article
	score   int
}

// Weights rank a match in the title above one in a heading, the byline or
// dateline, the body and the comments, in that order.
var fieldWeights = [fieldBits]int{1000, 300, 100, 10, 5}

// search finds the documents holding a word that starts with each term,
// ranked by where the terms occur and how often.
func (ix *Index) search(terms []string) []hit {
	if len(terms) == 0 || len(terms) > 64 {
		return nil
	}
	dict := ix.sortedTerms()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	matched := make([]uint64, len(ix.docs))
	scores := make([]int, len(ix.docs))
	for ti, term := range terms {
		lo := sort.SearchStrings(dict, term)
		for _, w := range dict[lo:] {
			if !strings.HasPrefix(w, term) {
				break
			}
			for _, p := range ix.postings[w] {
				s := p.slot()
				if s >= len(ix.docs) || ix.docs[s] == nil {
					continue
				}
				matched[s] |= 1 << ti
				scores[s] += score(p)
			}
		}
	}
	all := uint64(1)<<len(terms) - 1
	var hits []hit
	for s, m := range matched {
		if m == all {
			hits = append(hits, hit{ix.docs[s], scores[s]})
		}
	}
	slices.SortStableFunc(hits, func(a, b hit) int { return b.score - a.score })
	return hits
}

func score(p posting) int {
	f, total := p.fields(), 0
	for i, w := range fieldWeights {
		if f&(1<<i) != 0 {
			total += w
		}
	}
	return total + p.tf()
}

// byRarity orders terms by how many articles hold a word that starts with
// them, fewest first.
func (ix *Index) byRarity(terms []string) []string {
	dict := ix.sortedTerms()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	count := make(map[string]int, len(terms))
	for _, t := range terms {
		for _, w := range dict[sort.SearchStrings(dict, t):] {
			if !strings.HasPrefix(w, t) {
				break
			}
			count[t] += len(ix.postings[w])
		}
	}
	sorted := slices.Clone(terms)
	slices.SortStableFunc(sorted, func(a, b string) int { return count[a] - count[b] })
	return sorted
}
