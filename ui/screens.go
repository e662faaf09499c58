package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

// shortHelp renders bindings as "key desc · key desc".
func shortHelp(bindings []key.Binding) string {
	parts := make([]string, 0, len(bindings))
	for _, b := range bindings {
		if b.Enabled() {
			parts = append(parts, b.Help().Key+" "+b.Help().Desc)
		}
	}
	return strings.Join(parts, " · ")
}

// helpLines is the full help, generated from the key maps so that it
// always tells the truth about the bindings: a section for each mode, the
// one the reader came from first, two side by side when they fit. That
// section lists the keys that work there now (on: the bindings enabled when
// help was asked for); the others list their mode's keys, but for one this
// reader can never use (! with no skipped files).
func helpLines(c *common, from mode, on map[key.Help]bool, skipped bool) []string {
	s, k := c.styles, c.keys
	never := neverUsable(c, skipped)
	section := func(title string, md mode, km help.KeyMap) string {
		shown := func(b key.Binding) bool {
			if md == from {
				return on[b.Help()]
			}
			return !never[b.Help()]
		}
		return helpSection(s, title, km.FullHelp(), shown)
	}
	list, pane := section("Article list", modeList, k.List), section("Article pane", modePane, k.Pane)
	filter, prompt := section("Filtering the list (/)", modeFilter, k.Filter), section("Searching the article (/)", modePrompt, k.Prompt)
	if from == modePane {
		list, pane, filter, prompt = pane, list, prompt, filter
	}
	lines := []string{s.header.Render("kiosk help") + s.dim.Render(" · "+shortHelp(k.Text.ShortHelp())), ""}
	for _, pair := range [][2]string{
		{list, pane},
		{filter, prompt},
		{section("Search in every article (s)", modeSearch, k.Search), section("Help and skipped files", modeText, k.Text)},
	} {
		lines = append(lines, sideBySide(c.width, pair[0], pair[1])...)
		lines = append(lines, "")
	}
	if c.feeds != nil && c.feeds.List != nil {
		lines = append(lines, strings.Split(section("Feeds (F)", modeFeeds, k.Feeds), "\n")...)
		lines = append(lines, "")
	}
	lines = append(lines, strings.Split(helpSection(s, "Everywhere", [][]key.Binding{{k.Global.Quit}}, key.Binding.Enabled), "\n")...)
	return append(lines, "",
		s.dim.Render("In the list, / filters by title, byline and place, and s searches"),
		s.dim.Render("the whole text of every article; in an article, / searches its text."),
		s.dim.Render("At a prompt, every other key types into it."))
}

// neverUsable are the keys this reader can never use, which help leaves
// out: ! with no skipped files, and the keys of feeds it was not given.
func neverUsable(c *common, skipped bool) map[key.Help]bool {
	k, f := c.keys, c.feeds
	never := map[key.Help]bool{}
	off := func(cond bool, bs ...key.Binding) {
		for _, b := range bs {
			if cond {
				never[b.Help()] = true
			}
		}
	}
	off(!skipped, k.List.Skipped)
	off(f == nil || f.List == nil, k.List.Feeds, k.List.BackToFeeds)
	off(f == nil || f.Fetch == nil, k.List.Fetch)
	off(f == nil || f.Text == nil, k.Pane.FullText)
	return never
}

// sideBySide puts two blocks of lines next to each other when the
// terminal is wide enough, else one above the other.
func sideBySide(width int, a, b string) []string {
	const gap = 4
	if colWidth := max(lipgloss.Width(a), lipgloss.Width(b)); width >= 2*colWidth+gap {
		left := lipgloss.NewStyle().Width(colWidth + gap).Render(a)
		return strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, left, b), "\n")
	}
	return append(append(strings.Split(a, "\n"), ""), strings.Split(b, "\n")...)
}

func helpSection(s styles, title string, groups [][]key.Binding, shown func(key.Binding) bool) string {
	var bindings []key.Binding
	keyWidth := 0
	for _, group := range groups {
		for _, b := range group {
			if shown(b) {
				bindings = append(bindings, b)
				keyWidth = max(keyWidth, ansi.StringWidth(b.Help().Key))
			}
		}
	}
	lines := []string{s.prompt.Render(title)}
	for _, b := range bindings {
		h := b.Help()
		pad := strings.Repeat(" ", keyWidth-ansi.StringWidth(h.Key))
		lines = append(lines, "  "+s.help.FullKey.Render(h.Key+pad)+"  "+s.help.FullDesc.Render(h.Desc))
	}
	return strings.Join(lines, "\n")
}

// clipLines cuts text to the terminal, so that nothing wraps or scrolls.
func clipLines(text string, width, height int) string {
	lines := strings.Split(text, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if !fits(l, width) {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(lines, "\n")
}

// fits reports whether line is at most width cells wide, judged from its
// bytes alone, which is much cheaper than measuring every grapheme on every
// frame: no character takes more cells than it has bytes, so the bytes
// outside escape sequences bound the width. When unsure it says no.
func fits(line string, width int) bool {
	if len(line) <= width {
		return true
	}
	printable := 0
	for i := 0; i < len(line); i++ {
		if line[i] != ansi.ESC {
			printable++
			continue
		}
		n := escapeLength(line[i:])
		if n == 0 {
			return false
		}
		i += n - 1
	}
	return printable <= width
}

// escapeLength is the length of the CSI or OSC sequence s starts with, or 0
// for anything else.
func escapeLength(s string) int {
	if len(s) < 2 {
		return 0
	}
	switch s[1] {
	case '[':
		intermediate := false
		for i := 2; i < len(s); i++ {
			switch c := s[i]; {
			case c >= 0x40 && c <= 0x7e:
				return i + 1
			case c >= 0x20 && c <= 0x2f:
				intermediate = true
			case c >= 0x30 && c <= 0x3f && !intermediate:
			default:
				return 0
			}
		}
	case ']':
		for i := 2; i < len(s); i++ {
			switch c := s[i]; {
			case c == ansi.BEL:
				return i + 1
			case c == ansi.ESC:
				if i+1 < len(s) && s[i+1] == '\\' {
					return i + 2
				}
				return 0
			case c < 0x20 || c > 0x7e:
				// Terminals and ansi end a string at other bytes too (CAN,
				// SUB, an 8-bit ST that may sit inside a UTF-8 character).
				return 0
			}
		}
	}
	return 0
}

// loadingView shows progress while a large library loads.
func loadingView(c *common, p LoadProgressMsg) string {
	s := c.styles
	lines := []string{s.header.Render("kiosk") + s.dim.Render(" · loading articles…")}
	if p.Total > 0 {
		barWidth := max(1, min(40, c.width-2))
		full := barWidth * p.Done / p.Total
		bar := s.progressFull.Render(strings.Repeat("█", full)) + s.progressEmpty.Render(strings.Repeat("░", barWidth-full))
		lines = append(lines, "", bar, s.dim.Render(fmt.Sprintf("%d of %d files", p.Done, p.Total)))
	}
	lines = append(lines, "", s.dim.Render(shortHelp([]key.Binding{c.keys.Loading.Quit})))
	return clipLines(strings.Join(lines, "\n"), c.width, c.height)
}

// emptyView is the friendly screen of a library with no articles: how to
// open news files, or, for a reader of feeds, how their items come.
func emptyView(c *common, lib *model.Library, err error, fetching bool) string {
	s := c.styles
	if c.feeds != nil {
		return emptyFeedsView(c, err, fetching)
	}
	lines := []string{s.header.Render("kiosk") + s.dim.Render(" · no articles to read"), ""}
	if err != nil {
		lines = append(lines, s.errorText.Render(model.Sanitize(err.Error())), "")
	}
	lines = append(lines,
		"kiosk found no articles here. Point it at news files or folders:",
		"",
		"  kiosk ~/news/              every .txt and .md file in a folder",
		"  kiosk story.txt other.txt  just these files",
		"  kiosk                      the articles built into kiosk",
		"",
	)
	if lib != nil && len(lib.Skipped) > 0 {
		lines = append(lines, plural(len(lib.Skipped), "file was", "files were")+" skipped: "+c.keys.Empty.Skipped.Help().Key+" shows why.")
	}
	lines = append(lines, s.dim.Render(shortHelp([]key.Binding{c.keys.Empty.Quit, c.keys.Empty.Skipped, c.keys.Empty.Fetch})))
	return clipLines(strings.Join(lines, "\n"), c.width, c.height)
}

// emptyFeedsView is the empty screen of a reader of feeds that have
// brought no items yet.
func emptyFeedsView(c *common, err error, fetching bool) string {
	s := c.styles
	lines := []string{s.header.Render("kiosk") + s.dim.Render(" · no items yet"), ""}
	if err != nil {
		lines = append(lines, s.errorText.Render(model.Sanitize(err.Error())), "")
	}
	lines = append(lines, "The subscribed feeds have brought no items yet.")
	switch {
	case fetching:
		lines = append(lines, "Fetching them now: items show here as they arrive.")
	case c.feeds.Waiting != "":
		lines = append(lines, model.Sanitize(c.feeds.Waiting))
	case c.feeds.Fetch != nil:
		lines = append(lines, "Press "+c.keys.Empty.Fetch.Help().Key+" to fetch them: items show here as they arrive.")
	}
	lines = append(lines, "", s.dim.Render(shortHelp([]key.Binding{c.keys.Empty.Quit, c.keys.Empty.Fetch})))
	return clipLines(strings.Join(lines, "\n"), c.width, c.height)
}

// skippedLines lists the files that did not load, with the reason for each.
func skippedLines(c *common, items []model.Skipped) []string {
	s := c.styles
	lines := []string{s.header.Render("Skipped files") + s.dim.Render(fmt.Sprintf(" · %d · %s", len(items), shortHelp(c.keys.Text.ShortHelp())))}
	for _, it := range items {
		lines = append(lines, model.EscapeName(it.Path)+s.dim.Render(": "+model.Sanitize(it.Reason)))
	}
	return lines
}
