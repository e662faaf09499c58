package model

import (
	"html"
	"strings"
)

// maxReferenceBytes is longer than any HTML character reference
// ("&CounterClockwiseContourIntegral;" is the longest name).
const maxReferenceBytes = 40

// resolveReferences replaces the HTML character references in s ("&amp;",
// "&#163;", "&#xA3;", "&auml;") with the characters they stand for. Only
// references closed by ';' count, so "AT&T" and "R&D" stay as written. It
// returns s itself, without copying, when there is nothing to replace.
func resolveReferences(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is in b, or needs no change
	for i := strings.IndexByte(s, '&'); i >= 0; {
		end := referenceEnd(s[i:])
		if end > 0 {
			ref := s[i : i+end]
			if char := html.UnescapeString(ref); char != ref {
				if b.Len() == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[done:i])
				b.WriteString(char)
				done = i + end
			}
		}
		next := strings.IndexByte(s[i+1:], '&')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// referenceEnd returns the length of the reference that s starts with ("&",
// a name or '#' and digits, ";"), or 0.
func referenceEnd(s string) int {
	for j := 1; j < len(s) && j < maxReferenceBytes; j++ {
		c := s[j]
		switch {
		case c == ';':
			if j > 1 {
				return j + 1
			}
			return 0
		case c == '#' && j == 1, c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			return 0
		}
	}
	return 0
}
