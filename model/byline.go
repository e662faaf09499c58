package model

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// bylineLabel matches "Von: Ivd", "Autor: …", "By: …", "Text: …" and the like.
var bylineLabel = regexp.MustCompile(`(?i)^(?:von|by|autor|autorin|author|text|written by|reporting by|verfasst von|ein bericht von)\s*:\s*(\S.*)$`)

// bylineWord matches "Von Ivd", "By Jane Doe", "Von unserem Korrespondenten
// Max Muster", "Reporting by Jane Doe", "Ein Kommentar von Max Muster": the
// name is then checked word by word.
var bylineWord = regexp.MustCompile(`^(?:[Vv]on|VON|[Bb]y|BY|[Rr]eporting by|[Ww]ritten by|[Aa]nalysis by|[Cc]ommentary by|Ein (?:Kommentar|Bericht|Gastbeitrag|Interview) von|Eine (?:Analyse|Reportage|Glosse) von)\s+(\S.*)$`)

// agencyMark matches a line that names only the news agencies a story is
// from: "(dpa)", "(AFP)", "(Reuters)", "dpa/AFP".
var agencyMark = regexp.MustCompile(`^\(?((?i:dpa|afp|ap|reuters?|kna|epd|sid|apa|sda|ddp|dapd|ansa|efe|upi|pa)(?:\s*/\s*(?i:dpa|afp|ap|reuters?|kna|epd|sid|apa|sda|ddp|dapd|ansa|efe|upi|pa))*)\)?$`)

const maxBylineRunes = 80

// nameParticles may stand in lower case inside a byline.
var nameParticles = map[string]bool{
	"von": true, "van": true, "der": true, "den": true, "de": true, "del": true, "da": true,
	"di": true, "la": true, "le": true, "und": true, "and": true, "&": true, "unserem": true,
	"unserer": true, "unseren": true, "in": true, "aus": true, "für": true, "for": true, "bin": true,
}

// parseByline returns the author named by line, if line is a byline.
func parseByline(line string) (string, bool) {
	line = strings.TrimSpace(line)
	if utf8.RuneCountInString(line) > maxBylineRunes {
		return "", false
	}
	if m := bylineLabel.FindStringSubmatch(line); m != nil {
		return strings.TrimSpace(m[1]), true
	}
	if m := matchAgency(line); m != "" {
		return m, true
	}
	m := bylineWord.FindStringSubmatch(line)
	if m == nil || !looksLikeNames(m[1]) {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

// looksLikeNames accepts "Jane Doe", "Jane Doe, BBC News", "Max und Erika
// Muster": capitalised words and particles, no sentence punctuation.
func looksLikeNames(s string) bool {
	if strings.ContainsAny(s, ".!?;:") && !strings.HasSuffix(strings.Fields(s)[0], ".") {
		return false
	}
	words := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '/' })
	if len(words) == 0 || len(words) > 8 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !nameParticles[w] {
			return false
		}
	}
	return true
}

// matchAgency returns the agencies a line of agency marks names, or "". The
// pattern is slow, and only short lines can match it.
func matchAgency(line string) string {
	if len(line) > 40 {
		return ""
	}
	if m := agencyMark.FindStringSubmatch(line); m != nil {
		return m[1]
	}
	return ""
}
