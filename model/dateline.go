package model

import (
	"regexp"
	"strings"
)

// Datelines open a news story with the place it was filed from. Group 1 is
// the place; the empty group 2 marks where the story's own text starts.
var datelines = []*regexp.Regexp{
	// "WASHINGTON (AP) — ", "BERLIN (dpa) - "
	regexp.MustCompile(`^(\p{Lu}[\p{L}.'’/ -]{0,40}?)\s*\([^)\n]{1,30}\)\s*[-–—]+\s+()`),
	// "NEW YORK, Feb 26 - ", "COMMACK, N.Y., Feb 26 - "
	regexp.MustCompile(`^(\p{Lu}[\p{L}.'’/ -]{0,30}(?:, \p{Lu}[\p{L}.]{0,10})?), (?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\s*[-–—]+\s+()`),
	// "Paris/Moskau – Nato-…", "Berlin - Die …": at most three capitalised
	// words before the dash, and a capital after it.
	regexp.MustCompile(`^(\p{Lu}[\p{L}.'’-]*(?:[ /]\p{Lu}[\p{L}.'’-]*){0,2})\s+[–—-]\s+()\p{Lu}`),
}

// findDateline returns the place of a dateline that opens the first
// paragraph, or "". The paragraph keeps its text.
func findDateline(blocks []Block) string {
	for _, b := range blocks {
		if b.Kind != Paragraph {
			continue
		}
		for _, re := range datelines {
			if m := re.FindStringSubmatch(b.Text); m != nil {
				return strings.TrimSpace(m[1])
			}
		}
		return ""
	}
	return ""
}

// stripDateline returns text without a leading dateline.
func stripDateline(text string) string {
	for _, re := range datelines {
		if loc := re.FindStringSubmatchIndex(text); loc != nil {
			return text[loc[4]:] // the empty group marks where the story starts
		}
	}
	return text
}
