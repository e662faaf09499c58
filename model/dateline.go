package model

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Datelines open a news story with the place it was filed from. Group 1 is
// the place; group 2 ends where the story's own text starts.
var datelines = []*regexp.Regexp{
	// "WASHINGTON (AP) — ", "BERLIN (dpa) - "
	regexp.MustCompile(`^(\p{Lu}[\p{L}.'’/ -]{0,40}?)(\s*\([^)\n]{1,30}\)\s*[-–—]+\s+)`),
	// "NEW YORK, Feb 26 - ", "COMMACK, N.Y., Feb 26 - "
	regexp.MustCompile(`^(\p{Lu}[\p{L}.'’/ -]{0,30}(?:, \p{Lu}[\p{L}. ]{0,20}?)?)(, (?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zA-Z]*\.?\s+\d{1,2}\s*[-–—]+\s+)`),
	looseDateline,
}

// looseDateline matches "Paris/Moskau – Nato-…", "Berlin - Die …": at most
// three capitalised words before the dash, and a capital after it.
var looseDateline = regexp.MustCompile(`^(\p{Lu}[\p{L}.'’-]*(?:[ /]\p{Lu}[\p{L}.'’-]*){0,2})(\s+[–—-]\s+)\p{Lu}`)

// findDateline returns the place of a dateline that opens the first
// paragraph, or "". The paragraph keeps its text.
func findDateline(blocks []Block) string {
	for _, b := range blocks {
		if b.Kind != Paragraph {
			continue
		}
		lead := datelineWindow(b.Text)
		for _, re := range datelines {
			if m := re.FindStringSubmatchIndex(lead); m != nil {
				if re == looseDateline && isAside(b.Text[m[4]:m[5]], b.Text[m[5]:]) {
					return ""
				}
				return strings.TrimSpace(b.Text[m[2]:m[3]])
			}
		}
		return ""
	}
	return ""
}

// stripDateline returns text without a leading dateline.
func stripDateline(text string) string {
	for _, re := range datelines {
		if loc := re.FindStringSubmatchIndex(datelineWindow(text)); loc != nil {
			return text[loc[5]:]
		}
	}
	return text
}

// isAside tells a dateline's dash from the first of a pair of dashes around
// an aside ("Vote For Me - ITV1's contest - finally hits"): the closing dash
// follows in the same sentence.
func isAside(dash, rest string) bool {
	return strings.Contains(firstSentence(rest), " "+strings.TrimSpace(dash)+" ")
}

// datelineWindow is the start of a paragraph, long enough for any dateline
// and its first letter after: the patterns never need more, and matching
// them on a whole long paragraph costs time on every article.
func datelineWindow(text string) string {
	const window = 160
	if len(text) <= window {
		return text
	}
	end := window
	for end > 0 && !utf8.RuneStart(text[end]) {
		end--
	}
	return text[:end]
}

// datelineAgency returns the news agency named in the dateline that opens
// the first paragraph ("BERLIN (dpa) – "), or "".
func datelineAgency(blocks []Block) string {
	for _, b := range blocks {
		if b.Kind != Paragraph {
			continue
		}
		m := datelines[0].FindStringSubmatch(datelineWindow(b.Text))
		if m == nil {
			return ""
		}
		mark := strings.TrimSpace(m[2])
		mark = strings.TrimSpace(mark[:strings.IndexByte(mark, ')')+1])
		return matchAgency(mark)
	}
	return ""
}
