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

// helpView is the full help, generated from the key maps so that it always
// tells the truth about the bindings. The screen the reader came from is
// listed first.
func helpView(c *common, fromPager bool) string {
	s := c.styles
	sections := []struct {
		title  string
		groups [][]key.Binding
	}{
		{"Article list", c.listKeys.FullHelp()},
		{"Article pane", c.pagerKeys.FullHelp()},
	}
	if fromPager {
		sections[0], sections[1] = sections[1], sections[0]
	}
	var b strings.Builder
	b.WriteString(s.header.Render("kiosk help") + s.dim.Render(" · any key closes") + "\n")
	for _, sec := range sections {
		b.WriteString("\n" + s.prompt.Render(sec.title) + "\n")
		for _, group := range sec.groups {
			for _, kb := range group {
				h := kb.Help()
				fmt.Fprintf(&b, "  %s %s\n", s.help.FullKey.Render(fmt.Sprintf("%-10s", h.Key)), s.help.FullDesc.Render(h.Desc))
			}
		}
	}
	b.WriteString("\n" + s.dim.Render("ctrl+c quits from anywhere. In the list, type after / to filter; in an article, / searches it."))
	return clipLines(twoColumns(b.String(), c), c.width, c.height)
}

// twoColumns splits the help into two columns when it is too tall for the
// terminal and wide enough for both.
func twoColumns(text string, c *common) string {
	lines := strings.Split(text, "\n")
	if len(lines) <= c.height || c.width < 84 {
		return text
	}
	half := (len(lines) + 1) / 2
	left := lipgloss.NewStyle().Width(c.width / 2).Render(strings.Join(lines[:half], "\n"))
	return lipgloss.JoinHorizontal(lipgloss.Top, left, strings.Join(lines[half:], "\n"))
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

// skippedView lists the files that did not load, with the reason for each.
type skippedView struct {
	com    *common
	items  []model.Skipped
	offset int
}

func newSkippedView(c *common, items []model.Skipped) skippedView {
	return skippedView{com: c, items: items}
}

// update scrolls; it reports true when the view should close.
func (v *skippedView) update(msg tea.Msg) bool {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false
	}
	page := max(1, v.com.height-2)
	switch k.String() {
	case "j", "down":
		v.offset++
	case "k", "up":
		v.offset--
	case "space", "f", "pgdown":
		v.offset += page
	case "b", "pgup":
		v.offset -= page
	default:
		return true
	}
	v.offset = max(0, min(v.offset, len(v.items)-page))
	return false
}

func (v *skippedView) view() string {
	s := v.com.styles
	lines := []string{s.header.Render("Skipped files") + s.dim.Render(fmt.Sprintf(" · %d · j/k scroll · any other key closes", len(v.items)))}
	for _, it := range v.items[min(v.offset, len(v.items)):] {
		lines = append(lines, model.Sanitize(it.Path)+s.dim.Render(": "+model.Sanitize(it.Reason)))
	}
	return clipLines(strings.Join(lines, "\n"), v.com.width, v.com.height)
}
