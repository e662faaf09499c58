package model

import (
	"fmt"
	"strconv"
	"strings"
)

// Result is one article found by Search.
type Result struct {
	Article *Article
	// Index is the article's position in the library, from 0.
	Index int
	// Snippet is one line of the article around the first match.
	Snippet string
}

// Search returns the articles whose title, byline, dateline or body holds
// every word of query, ignoring case and accents, in library order.
func (l *Library) Search(query string) []Result {
	terms := strings.Fields(Fold(query))
	if len(terms) == 0 {
		return nil
	}
	var results []Result
	for i, a := range l.Articles {
		text := a.searchText()
		folded := Fold(text)
		if !containsAll(folded, terms) {
			continue
		}
		results = append(results, Result{Article: a, Index: i, Snippet: snippet(text, terms[0])})
	}
	return results
}

func containsAll(s string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
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
	return b.String()
}

const snippetContext = 40

// snippet cuts the line holding the first match of term down to about
// snippetContext characters either side, at word boundaries.
func snippet(text, term string) string {
	m := FindAll(text, term)
	if len(m) == 0 {
		return ""
	}
	start, end := m[0][0], m[0][1]
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

func runesBetween(s string, from, to int) int { return len([]rune(s[from:to])) }

func backRunes(s string, i, n int) int {
	r := []rune(s[:i])
	return len(string(r[:len(r)-n]))
}

func forwardRunes(s string, i, n int) int {
	r := []rune(s[i:])
	return i + len(string(r[:n]))
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
// ID, and returns it with its index from 0.
func (l *Library) Lookup(ref string) (*Article, int, error) {
	if n, err := strconv.Atoi(ref); err == nil {
		if n >= 1 && n <= len(l.Articles) {
			return l.Articles[n-1], n - 1, nil
		}
		return nil, 0, fmt.Errorf("no article number %d: the library has %d; see 'kiosk list' for the numbers", n, len(l.Articles))
	}
	for i, a := range l.Articles {
		if a.ID == ref {
			return a, i, nil
		}
	}
	return nil, 0, fmt.Errorf("no article with id %q: give a number or an id from 'kiosk list'", Sanitize(ref))
}
