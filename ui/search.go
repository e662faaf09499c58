package ui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
	"kiosk/render"
)

// searchState is a search inside one article: every case- and
// accent-insensitive match of the query in the rendered lines, and which
// one is current. The rendered lines themselves are shared (cached) and are
// never changed; only the lines on screen are copied to highlight them.
type searchState struct {
	query string
	// terms, when set, are searched for each on its own instead of query:
	// the words of a library search the article was opened from.
	terms   []string
	matches []searchMatch // in reading order
	current int
	// searched is how many of the document's lines have been searched: a
	// large article's lines arrive chunk by chunk.
	searched int
}

// searchMatch is one match: a line and a range of cells in it.
type searchMatch struct {
	line, start, end int
}

func (s *searchState) active() bool { return s.query != "" }

func (s *searchState) clear() { *s = searchState{} }

// find looks for query in doc and makes current the first match at or after
// line from (wrapping to the first match).
func (s *searchState) find(doc *render.Document, query string, from int) {
	s.query = query
	s.matches = s.matches[:0]
	s.searched = 0
	s.extend(doc)
	s.current = 0
	for i, m := range s.matches {
		if m.line >= from {
			s.current = i
			break
		}
	}
}

// extend searches the lines added to doc since the last search.
func (s *searchState) extend(doc *render.Document) {
	if s.query == "" {
		return
	}
	patterns := []string{s.query}
	if len(s.terms) > 0 {
		patterns = s.terms
	}
	for i := s.searched; i < len(doc.Plain); i++ {
		plain := doc.Plain[i]
		var ranges [][2]int
		for _, p := range patterns {
			ranges = append(ranges, model.FindAll(plain, p)...)
		}
		slices.SortFunc(ranges, func(a, b [2]int) int { return a[0] - b[0] })
		end := 0
		for _, r := range ranges {
			if r[0] < end {
				continue // overlaps a match of another term
			}
			end = r[1]
			s.matches = append(s.matches, searchMatch{
				line:  i,
				start: ansi.StringWidth(plain[:r[0]]),
				end:   ansi.StringWidth(plain[:r[1]]),
			})
		}
	}
	s.searched = len(doc.Plain)
}

// findAny searches for each of terms, as the words of a library search.
func (s *searchState) findAny(doc *render.Document, terms []string, from int) {
	s.terms = terms
	s.find(doc, strings.Join(terms, " "), from)
}

// reset repeats the search on a new rendering of the same article.
func (s *searchState) reset(doc *render.Document) {
	if s.query == "" {
		return
	}
	cur := 0
	if len(s.matches) > 0 {
		cur = s.current
	}
	s.find(doc, s.query, 0)
	s.current = min(cur, max(0, len(s.matches)-1))
}

func (s *searchState) step(delta int) {
	n := len(s.matches)
	s.current = ((s.current+delta)%n + n) % n
}

// status is "match 2/7" while a search has matches.
func (s *searchState) status() string {
	if len(s.matches) == 0 {
		return ""
	}
	return fmt.Sprintf("match %d/%d", s.current+1, len(s.matches))
}

// highlight returns doc's lines from top up to end with the matches on them
// highlighted, the current one more strongly.
func (s *searchState) highlight(doc *render.Document, top, end int, st styles) []string {
	out := slices.Clone(doc.Lines[top:end])
	i, _ := slices.BinarySearchFunc(s.matches, top, func(m searchMatch, line int) int { return m.line - line })
	for i < len(s.matches) && s.matches[i].line < end {
		line := s.matches[i].line
		var ranges []lipgloss.Range
		for ; i < len(s.matches) && s.matches[i].line == line; i++ {
			style := st.match
			if i == s.current {
				style = st.currentMatch
			}
			m := s.matches[i]
			ranges = append(ranges, lipgloss.NewRange(m.start, m.end, style))
		}
		out[line-top] = lipgloss.StyleRanges(doc.Lines[line], ranges...)
	}
	return out
}
