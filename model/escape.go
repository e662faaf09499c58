package model

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// EscapeName shows a file name on one line exactly: a name with a control
// character, an escape sequence, a bidi override or invalid UTF-8 in it is
// quoted with those written as Go escapes (`"evil\x1b]0;X\aname.txt"`), so
// that it can neither act on the terminal nor break a line, and the reader
// can tell it from a name without them. Other names are returned as they are.
func EscapeName(name string) string {
	for _, r := range name {
		if r == utf8.RuneError || !unicode.IsGraphic(r) {
			return strconv.QuoteToGraphic(name)
		}
	}
	return name
}

// Path is the name the article was read from, exactly: a file's path as
// the system gave it (Source is the same name made safe to show), or its
// embedded name.
func (a *Article) Path() string { return a.path }
