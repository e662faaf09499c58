package model

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold maps s to the form used for matching: lower case, accents removed,
// and letters such as ß and æ spelled out, so that "munchen" finds
// "München" and "strasse" finds "Straße".
func Fold(s string) string {
	buf := make([]byte, 0, len(s))
	for _, r := range s {
		buf = appendFolded(buf, r)
	}
	return string(buf)
}

// FindAll returns the byte ranges [start, end) in text of every
// non-overlapping match of query, ignoring case and accents.
func FindAll(text, query string) [][2]int {
	q := Fold(query)
	if strings.TrimSpace(q) == "" {
		return nil
	}
	if isASCII(text) {
		return findAllASCII(text, q)
	}
	folded, offsets := foldWithOffsets(text)
	var matches [][2]int
	for from := 0; from <= len(folded)-len(q); {
		i := strings.Index(folded[from:], q)
		if i < 0 {
			break
		}
		start := from + i
		end := start + len(q)
		last := offsets[end-1]
		_, size := utf8.DecodeRuneInString(text[last:])
		matches = append(matches, [2]int{offsets[start], last + size})
		from = end
	}
	return matches
}

// findAllASCII is FindAll for ASCII text, where folding keeps every offset.
func findAllASCII(text, q string) [][2]int {
	folded := strings.ToLower(text)
	var matches [][2]int
	for from := 0; from <= len(folded)-len(q); {
		i := strings.Index(folded[from:], q)
		if i < 0 {
			break
		}
		matches = append(matches, [2]int{from + i, from + i + len(q)})
		from += i + len(q)
	}
	return matches
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldWithOffsets folds text and maps every byte of the folded string back to
// the offset in text of the rune it came from.
func foldWithOffsets(text string) (string, []int) {
	buf := make([]byte, 0, len(text))
	offsets := make([]int, 0, len(text))
	for i, r := range text {
		n := len(buf)
		buf = appendFolded(buf, r)
		for range len(buf) - n {
			offsets = append(offsets, i)
		}
	}
	return string(buf), offsets
}

func appendFolded(buf []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(buf, byte(r))
	case int(r) < len(latinFolds):
		return append(buf, latinFolds[r]...)
	default:
		return append(buf, foldRune(r)...)
	}
}

// latinFolds holds the folds of the Latin-1 and Latin Extended letters,
// which make up nearly all non-ASCII text in European news. It is filled
// once at start-up and only read after.
var latinFolds = func() []string {
	t := make([]string, 0x250)
	for r := range t {
		t[r] = foldRune(rune(r))
	}
	return t
}()

var foldSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ı': "i",
}

func foldRune(r rune) string {
	if s, ok := foldSpecial[r]; ok {
		return s
	}
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			b.WriteRune(unicode.ToLower(d))
		}
	}
	return b.String()
}
