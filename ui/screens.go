package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
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
// always tells the truth about the bindings. The screen the reader came
// from is listed first; the two sections sit side by side when they fit.
func helpLines(c *common, fromPager bool) []string {
	s := c.styles
	list := helpSection(s, "Article list", c.listKeys.FullHelp())
	pane := helpSection(s, "Article pane", c.pagerKeys.FullHelp())
	if fromPager {
		list, pane = pane, list
	}
	var body []string
	const gap = 4
	if colWidth := max(lipgloss.Width(list), lipgloss.Width(pane)); c.width >= 2*colWidth+gap {
		left := lipgloss.NewStyle().Width(colWidth + gap).Render(list)
		body = strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, left, pane), "\n")
	} else {
		body = append(strings.Split(list, "\n"), "")
		body = append(body, strings.Split(pane, "\n")...)
	}
	body = append(body, "")
	body = append(body, strings.Split(helpSection(s, "Search in every article (s)", c.searchKeys.FullHelp()), "\n")...)
	lines := []string{s.header.Render("kiosk help") + s.dim.Render(" · j/k scroll · any other key closes"), ""}
	lines = append(lines, body...)
	return append(lines, "",
		s.dim.Render("ctrl+c quits from anywhere."),
		s.dim.Render("In the list, / filters by title, byline and place, and s searches"),
		s.dim.Render("the whole text of every article; in an article, / searches its text."))
}

func helpSection(s styles, title string, groups [][]key.Binding) string {
	lines := []string{s.prompt.Render(title)}
	for _, group := range groups {
		for _, kb := range group {
			h := kb.Help()
			lines = append(lines, "  "+s.help.FullKey.Render(fmt.Sprintf("%-9s", h.Key))+" "+s.help.FullDesc.Render(h.Desc))
		}
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
		lines[i] = ansi.Truncate(l, width, "…")
	}
	return strings.Join(lines, "\n")
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
	lines = append(lines, "", s.dim.Render("q quits"))
	return clipLines(strings.Join(lines, "\n"), c.width, c.height)
}

// emptyView is the friendly screen of a library with no articles.
func emptyView(c *common, lib *model.Library, err error) string {
	s := c.styles
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
		lines = append(lines, plural(len(lib.Skipped), "file was", "files were")+" skipped: ! shows why.")
	}
	lines = append(lines, s.dim.Render("q quits"))
	return clipLines(strings.Join(lines, "\n"), c.width, c.height)
}

// skippedLines lists the files that did not load, with the reason for each.
func skippedLines(c *common, items []model.Skipped) []string {
	s := c.styles
	lines := []string{s.header.Render("Skipped files") + s.dim.Render(fmt.Sprintf(" · %d · j/k scroll · any other key closes", len(items)))}
	for _, it := range items {
		lines = append(lines, model.EscapeName(it.Path)+s.dim.Render(": "+model.Sanitize(it.Reason)))
	}
	return lines
}

// textScreen shows lines that may be taller than the terminal: j/k and the
// page keys scroll, any other key closes it.
type textScreen struct {
	com    *common
	lines  []string
	offset int
}

// update scrolls; it reports true when the screen should close.
func (v *textScreen) update(msg tea.Msg) bool {
	var delta int
	page := max(1, v.com.height-1)
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch msg.String() {
		case "j", "down":
			delta = 1
		case "k", "up":
			delta = -1
		case "space", "f", "pgdown":
			delta = page
		case "b", "pgup":
			delta = -page
		default:
			return true
		}
	case tea.MouseWheelMsg:
		delta = 3
		if msg.Mouse().Button == tea.MouseWheelUp {
			delta = -3
		}
	}
	v.offset = max(0, min(v.offset+delta, len(v.lines)-v.com.height))
	return false
}

func (v *textScreen) view() string {
	return clipLines(strings.Join(v.lines[min(v.offset, len(v.lines)):], "\n"), v.com.width, v.com.height)
}
