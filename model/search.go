package model

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Result is one article found by Search.
type Result struct {
	Article *Article
	// Index is the article's position in the library, from 0.
	Index int
	// terms are the query's words, rarest first, for Snippet.
	terms []string
	// text is what a Searcher matched in, for an article whose body is
	// not in memory; "" for others.
	text string
}

// Snippet returns one line of the article around the first match and the
// byte ranges of the matching words in it. It is made on demand, so that a
// search with thousands of results costs nothing for the ones not shown.
func (r Result) Snippet() (string, [][2]int) {
	if r.text != "" {
		if s, ok := snippetIn(Sanitize(r.text), r.terms); ok {
			s = strings.Join(strings.Fields(s), " ")
			return s, highlights(s, r.terms)
		}
		return "", nil
	}
	return snippet(r.Article, r.terms)
}

// Search finds the articles that hold every word of query (as a word or
// the start of one) and every "quoted phrase", ignoring case and accents,
// in the title, byline, dateline, headings, body or comments. Results are
// ranked: title matches first, then headings, byline and dateline, body,
// comments, and more occurrences above fewer. The index is built on the
// first search. A library with a Searcher finds its lazy articles too
// (see Find); an error of the Searcher leaves those out.
func (l *Library) Search(query string) []Result {
	results, _ := l.Find(context.Background(), query)
	return results
}

func (l *Library) search(q query) []Result {
	index, positions := l.searchIndex()
	byRarity := index.byRarity(q.terms)
	var results []Result
	for _, h := range index.search(q.terms) {
		pos, ok := positions[h.article]
		if !ok || !q.phrasesIn(h.article) {
			continue // not in this snapshot of a watched library, or no phrase
		}
		results = append(results, Result{Article: h.article, Index: pos, terms: byRarity})
	}
	return results
}

// query is a parsed search: the folded words to look up (those of phrases
// included) and the phrases, as folded words joined by single spaces.
type query struct {
	terms   []string
	phrases []string
}

func parseQuery(s string) query {
	var q query
	for i, part := range strings.Split(s, "\"") {
		var words []string
		forEachWord(part, func(w string) { words = append(words, w) })
		q.terms = append(q.terms, words...)
		if i%2 == 1 && len(words) > 1 {
			q.phrases = append(q.phrases, strings.Join(words, " "))
		}
	}
	return q
}

// phrasesIn reports whether a holds every phrase, its words separated by
// white space; like the words of a query, its last word may be a prefix.
func (q query) phrasesIn(a *Article) bool {
	for _, p := range q.phrases {
		found := false
		for _, f := range a.textFields() {
			if containsPhrase(*f, p) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func containsPhrase(text, phrase string) bool {
	for _, m := range FindAll(text, phrase) {
		if m[0] == 0 || !isWordByte(text[m[0]-1]) {
			return true
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= utf8.RuneSelf || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// searchText is everything Search looks in, one line per part.
func (a *Article) searchText() string {
	var b strings.Builder
	for _, s := range []string{a.Title, a.Byline, a.Dateline} {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	for _, bl := range a.Blocks {
		b.WriteString(bl.Text)
		b.WriteByte('\n')
	}
	if a.Comments != nil {
		for _, l := range a.Comments.Lines {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// snippet shows the first match in the body of the first of terms that
// occurs there, or failing that anywhere, with every term highlighted.
// Terms come rarest first, so the snippet shows the word that made the
// match, not a common one beside it. It looks one block at a time, so a match in
// the lead costs no work on the rest of the article.
func snippet(a *Article, terms []string) (string, [][2]int) {
	for _, bl := range a.Blocks {
		if s, ok := snippetIn(bl.Text, terms); ok {
			return s, highlights(s, terms)
		}
	}
	if s, ok := snippetIn(a.searchText(), terms); ok {
		return s, highlights(s, terms)
	}
	return "", nil
}

func snippetIn(text string, terms []string) (string, bool) {
	for _, t := range terms {
		if m := FindAll(text, t); len(m) > 0 {
			return cutAround(text, m[0][0], m[0][1]), true
		}
	}
	return "", false
}

func highlights(s string, terms []string) [][2]int {
	var marks [][2]int
	for _, t := range terms {
		marks = append(marks, FindAll(s, t)...)
	}
	slices.SortFunc(marks, func(a, b [2]int) int { return a[0] - b[0] })
	merged := marks[:0]
	for _, m := range marks {
		if n := len(merged); n > 0 && m[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], m[1])
			continue
		}
		merged = append(merged, m)
	}
	return merged
}

const snippetContext = 40

// cutAround cuts the line holding text[start:end] down to about
// snippetContext characters either side, at word boundaries.
func cutAround(text string, start, end int) string {
	lineStart := strings.LastIndexByte(text[:start], '\n') + 1
	lineEnd := len(text)
	if i := strings.IndexByte(text[end:], '\n'); i >= 0 {
		lineEnd = end + i
	}
	from, to := lineStart, lineEnd
	prefix, suffix := "", ""
	if runesBetween(text, lineStart, start) > snippetContext {
		from = wordStartAfter(text, backRunes(text, start, snippetContext), start)
		prefix = "…"
	}
	if runesBetween(text, end, lineEnd) > snippetContext {
		to = wordEndBefore(text, end, forwardRunes(text, end, snippetContext))
		suffix = "…"
	}
	return prefix + strings.TrimSpace(text[from:to]) + suffix
}

func runesBetween(s string, from, to int) int { return utf8.RuneCountInString(s[from:to]) }

// backRunes returns the offset n runes before i.
func backRunes(s string, i, n int) int {
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// forwardRunes returns the offset n runes after i.
func forwardRunes(s string, i, n int) int {
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

func wordStartAfter(s string, i, limit int) int {
	if j := strings.IndexByte(s[i:limit], ' '); j >= 0 {
		return i + j + 1
	}
	return i
}

func wordEndBefore(s string, limit, i int) int {
	if j := strings.LastIndexByte(s[limit:i], ' '); j >= 0 {
		return limit + j
	}
	return i
}

// Lookup finds an article by its number in the library (from 1) or by its
// ID, and returns it with its index from 0. Its error says what was not
// found; the caller knows which command lists what there is.
func (l *Library) Lookup(ref string) (*Article, int, error) {
	if n, err := strconv.Atoi(ref); err == nil {
		if n >= 1 && n <= len(l.Articles) {
			return l.Articles[n-1], n - 1, nil
		}
		return nil, 0, fmt.Errorf("no article number %d: the library has %d", n, len(l.Articles))
	}
	for i, a := range l.Articles {
		if a.ID == ref {
			return a, i, nil
		}
	}
	return nil, 0, fmt.Errorf("no article with id %q", Sanitize(ref))
}
