package ui

import (
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// textScreen shows lines that may be taller than the terminal (the help,
// the skipped files) in a viewport: the navigation keys and the wheel
// scroll it.
type textScreen struct {
	vp viewport.Model
}

func newTextScreen(c *common, lines []string) textScreen {
	t := textScreen{vp: viewport.New()}
	t.fit(c)
	t.vp.SetContentLines(lines)
	return t
}

// fit sizes the screen to the terminal.
func (t *textScreen) fit(c *common) {
	t.vp.SetWidth(c.width)
	t.vp.SetHeight(c.height)
}

func (t *textScreen) wheel(msg tea.MouseWheelMsg) tea.Cmd {
	var cmd tea.Cmd
	t.vp, cmd = t.vp.Update(msg)
	return cmd
}

func (t *textScreen) view() string { return t.vp.View() }

// viewLines adapts a viewport to the navigation keys.
type viewLines struct{ vp *viewport.Model }

func (l viewLines) lineUp()   { l.vp.ScrollUp(1) }
func (l viewLines) lineDown() { l.vp.ScrollDown(1) }
func (l viewLines) pageUp()   { l.vp.PageUp() }
func (l viewLines) pageDown() { l.vp.PageDown() }
func (l viewLines) goTop()    { l.vp.GotoTop() }
func (l viewLines) goBottom() { l.vp.GotoBottom() }
