package model

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// footerLine matches the lines a news site puts under an article about its
// reader comments, in German and English.
var footerLine = regexp.MustCompile(`(?i)^(?:` + strings.Join([]string{
	`(?:aktuell sind |es gibt |bisher |derzeit sind )?(?:\d+|keine|ein|einen) kommentare?(?: vorhanden| bisher)?`,
	`kommentare?(?: \(\d+\))?`,
	`(?:alle |\d+ )?kommentare? (?:anzeigen|ausblenden|einblenden|lesen|laden|schreiben|verfassen)`,
	`(?:jetzt )?kommentieren|zu den kommentaren|kommentar schreiben`,
	`(?:there are )?(?:\d+|no) comments?(?: so far| yet)?`,
	`comments?(?: \(\d+\))?`,
	`(?:show|view|read|hide|load|see)(?: all)?(?: \d+)? comments?`,
	`(?:leave|add|post|write) a comment|join the (?:conversation|discussion)`,
}, "|") + `)$`)

// footerCount finds the number a footer line states.
var footerCount = regexp.MustCompile(`(?i)(\d+) (?:kommentare?|comments?)|(?:kommentare?|comments?) \((\d+)\)|^(?:keine|no) (?:kommentare|comments)|^(?:ein|einen) kommentar`)

const maxFooterRunes = 60

// splitFooter takes the trailing comment lines off lines. It never takes
// every line: an article that is all footer keeps its text as body.
func splitFooter(lines []string) ([]string, *Comments) {
	start := len(lines)
	for j := len(lines) - 1; j > 0; j-- {
		l := strings.TrimSpace(lines[j])
		if l == "" {
			continue
		}
		if utf8.RuneCountInString(l) > maxFooterRunes || !mentionsComments(l) || !footerLine.MatchString(l) {
			break
		}
		start = j
	}
	if start == len(lines) {
		return lines, nil
	}
	c := &Comments{}
	for _, l := range lines[start:] {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		c.Lines = append(c.Lines, l)
		if c.HasCount {
			continue
		}
		if m := footerCount.FindStringSubmatch(l); m != nil {
			c.HasCount = true
			switch {
			case m[1] != "":
				c.Count, _ = strconv.Atoi(m[1])
			case m[2] != "":
				c.Count, _ = strconv.Atoi(m[2])
			case strings.HasPrefix(strings.ToLower(l), "ein"):
				c.Count = 1
			}
		}
	}
	return trimBlankEdges(lines[:start]), c
}

// mentionsComments is a cheap test that every footer line passes, so that
// the footer pattern runs only on lines that may match it.
func mentionsComments(line string) bool {
	l := strings.ToLower(line)
	for _, w := range []string{"komment", "comment", "conversation", "discussion"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}
