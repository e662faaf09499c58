package model

import (
	"bytes"
	"errors"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// errNoText is returned for a file that holds nothing but white space.
var errNoText = errors.New("no text in it")

// Parse turns one news file into an article. name is the file's path or
// embedded name: its base gives the article's ID, and a .md or .markdown
// extension makes the file markdown. The error says why the file is not an
// article (binary data, no text).
func Parse(name string, data []byte) (*Article, error) {
	return parseOwned(name, bytes.Clone(data))
}

// parseOwned is Parse for data that nobody else holds or will change, such
// as a buffer just read from a file: the article's text may share its
// memory instead of copying it.
func parseOwned(name string, data []byte) (*Article, error) {
	text, err := readText(name, data)
	if err != nil {
		return nil, err
	}
	a := &Article{ID: idFromName(name), Source: Sanitize(name), path: name}
	lines := trimBlankEdges(splitLines(text))
	if isMarkdownName(name) {
		a.Markdown = true
		parseMarkdown(a, lines)
	} else {
		parseText(a, lines)
	}
	a.Dateline = findDateline(a.Blocks)
	if a.Byline == "" && a.Dateline != "" {
		a.Byline = datelineAgency(a.Blocks)
	}
	if a.Title == "" {
		a.Title = deriveTitle(a.Blocks, name)
	}
	for _, b := range a.Blocks {
		a.Words += countWords(b.Text)
	}
	compact(a)
	return a, nil
}

// Text is a file's text as kiosk reads it before parsing: decoded to UTF-8
// with LF line endings, HTML character references ("&amp;", "&#163;",
// "&auml;") resolved in plain-text files, and sanitised. The error says why
// the file is not text.
func Text(name string, data []byte) (string, error) {
	return readText(name, bytes.Clone(data))
}

// readText is Text for data that nobody else holds or will change.
func readText(name string, data []byte) (string, error) {
	text, err := decode(data)
	if err != nil {
		return "", err
	}
	if !isMarkdownName(name) {
		// Markdown keeps its references: glamour resolves them itself.
		text = resolveReferences(text)
	}
	text = Sanitize(text)
	if strings.TrimSpace(text) == "" {
		return "", errNoText
	}
	return text, nil
}

// countWords counts runs of non-space characters without allocating.
func countWords(s string) int {
	n, inWord := 0, false
	for i := 0; i < len(s); {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			inWord = false
		} else if !inWord {
			inWord = true
			n++
		}
	}
	return n
}

// parseText reads plain text: byline, title, body and footer.
func parseText(a *Article, lines []string) {
	lines, a.Comments = splitFooter(lines)
	i := 0
	// The wrap width is only a hint for telling a title from a wrapped
	// first line: the start of the file is enough for it.
	wrap := wrapWidth(lines[:min(len(lines), 30)], nil)
	if by, ok := parseByline(lines[i]); ok {
		a.Byline = by
		i = skipBlank(lines, i+1)
	} else if isAuthorAboveTitle(lines, wrap) {
		a.Byline = strings.TrimSpace(lines[0])
		i = 1
	}
	if i < len(lines) && isTitleLine(lines, i, wrap) {
		a.Title = strings.TrimSpace(lines[i])
		i = skipBlank(lines, i+1)
		if a.Byline == "" && i < len(lines) {
			if by, ok := parseByline(lines[i]); ok {
				a.Byline = by
				i = skipBlank(lines, i+1)
			}
		}
	}
	a.Blocks = markHeadings(segment(lines[i:]))
}

// isTitleLine reports whether lines[i] is a headline: short, not ending in
// a full stop (unless it is all in capitals, as wire headlines are), and
// followed by a blank line or by the start of the body rather than by the
// rest of a wrapped sentence.
func isTitleLine(lines []string, i, wrap int) bool {
	line := strings.TrimSpace(lines[i])
	n := utf8.RuneCountInString(line)
	if n == 0 || n > maxTitleRunes || i+1 >= len(lines) || isListItem(line) {
		return false
	}
	if strings.HasSuffix(line, ".") && !isAllCaps(line) || strings.HasSuffix(line, ",") || strings.HasSuffix(line, ";") {
		return false
	}
	next := strings.TrimSpace(lines[i+1])
	if next == "" || isByline(next) {
		return true
	}
	return startsSentence(next) && (wrap == 0 || n*4 < wrap*3)
}

const maxTitleRunes = 120

// isAuthorAboveTitle reports whether the first line is an author's name in
// capitals ("ANNA MÜLLER") standing alone above a short title line, as
// regional papers print them.
func isAuthorAboveTitle(lines []string, wrap int) bool {
	if len(lines) < 3 || strings.TrimSpace(lines[1]) == "" || !isCapsName(lines[0]) {
		return false
	}
	title := strings.TrimSpace(lines[1])
	return !isAllCaps(title) && !isByline(title) && isTitleLine(lines, 1, wrap)
}

// isCapsName: two to four words in capitals, letters only (with hyphens,
// apostrophes and the full stops of initials).
func isCapsName(line string) bool {
	words := strings.Fields(line)
	if len(words) < 2 || len(words) > 4 || utf8.RuneCountInString(line) > 40 {
		return false
	}
	for _, w := range words {
		for _, r := range w {
			if !unicode.IsUpper(r) && !strings.ContainsRune("-'’.", r) {
				return false
			}
		}
	}
	return isAllCaps(line)
}

// isAllCaps reports whether s has letters and all of them are capitals.
func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

func splitLines(text string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRightFunc(l, unicode.IsSpace)
	}
	return lines
}

func trimBlankEdges(lines []string) []string {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func skipBlank(lines []string, i int) int {
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	return i
}

// startsSentence reports whether s begins as a new sentence or paragraph
// would: with a capital letter, a digit or an opening quote.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'„“‘«»(", r)
}

// idFromName keeps the base name without its extension, with anything but
// letters, digits, '.', '_' and '-' replaced, so an ID is safe in a URL or a
// shell argument.
func idFromName(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if ext := path.Ext(base); ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	id := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '_' || r == '-' {
			return r
		}
		return '-'
	}, base)
	if id == "" {
		return "article"
	}
	return id
}

func isMarkdownName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".md", ".markdown":
		return true
	}
	return false
}
