package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const titleRunes = 90

// deriveTitle makes a title for an article that has no title line: the
// first sentence of its lead without the dateline, cut at a word boundary
// near 90 characters.
func deriveTitle(blocks []Block, name string) string {
	for _, b := range blocks {
		if b.Kind == Paragraph || b.Kind == Heading {
			return shorten(firstSentence(stripDateline(b.Text)), titleRunes)
		}
	}
	return idFromName(name)
}

// firstSentence ends at the first '.', '!' or '?' that is followed by a
// space and a capital, and not part of an abbreviation such as "Mr." or
// "U.S.". A full stop at its end is dropped; a title needs none.
func firstSentence(s string) string {
	for i, r := range s {
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		rest := s[i+1:]
		if rest != "" && !(strings.HasPrefix(rest, " ") && startsSentence(strings.TrimLeft(rest, " "))) {
			continue
		}
		if r == '.' && isAbbreviation(s[:i]) {
			continue
		}
		if r == '.' {
			return s[:i]
		}
		return s[:i+1]
	}
	return s
}

func isAbbreviation(before string) bool {
	word := before[strings.LastIndexAny(before, " (")+1:]
	if utf8.RuneCountInString(word) <= 2 {
		return true
	}
	return strings.Contains(word, ".")
}

// shorten cuts s at the last word boundary before max runes and adds "…".
func shorten(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, n := 0, 0
	for i := range s {
		if n > max {
			break
		}
		if s[i] == ' ' {
			cut = i
		}
		n++
	}
	if cut == 0 {
		runes := []rune(s)
		return string(runes[:max]) + "…"
	}
	return strings.TrimRightFunc(s[:cut], func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '"'
	}) + "…"
}
