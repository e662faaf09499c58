package ui

import (
	"time"

	"kiosk/render"
	"kiosk/store"

	tea "charm.land/bubbletea/v2"
)

// common is what every screen of one reader shares: the terminal's size and
// background, the styles and key maps built from them, and the render cache.
// Each reader (each SSH session) has its own.
type common struct {
	width, height int
	// textWidth is the widest text column asked for (--width).
	textWidth int
	theme     render.Theme
	dark      bool
	styles    styles
	keys      keyMaps
	cache     *render.Cache
	// state is the reader's read marks, stars and places.
	state *store.State
	// readAfter is how long an article must stay open to become read, and
	// tick makes the timer that says so: tea.Tick, or a test's own clock.
	readAfter time.Duration
	tick      func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	// now is the clock the list's ages are counted on.
	now func() time.Time
	// feeds and openLink are the reader's feed functions and browser
	// (Options); activity is a fetch under way, for the status lines.
	feeds    *Feeds
	openLink func(url string) error
	activity string
}

func newCommon(o Options) *common {
	c := &common{
		width:     80,
		height:    24,
		textWidth: o.Width,
		theme:     o.Theme,
		dark:      o.Theme != render.ThemeLight,
		keys:      newKeyMaps(),
		cache:     o.Cache,
		state:     o.State,
		readAfter: defaultReadAfter,
		tick:      tea.Tick,
		now:       time.Now,
		feeds:     o.Feeds,
		openLink:  o.OpenLink,
	}
	if c.textWidth <= 0 {
		c.textWidth = render.DefaultWidth
	}
	if c.theme == "" {
		c.theme = render.ThemeAuto
	}
	if c.state == nil {
		c.state = store.NewMemoryState()
	}
	if c.cache == nil {
		c.cache = render.NewCache(64)
	}
	c.styles = newStyles(c.dark)
	return c
}

// setDark restyles for a background; it reports whether anything changed.
func (c *common) setDark(dark bool) bool {
	if c.theme != render.ThemeAuto || dark == c.dark {
		return false
	}
	c.dark = dark
	c.styles = newStyles(dark)
	return true
}

// columnWidth is the width articles are rendered at: the asked-for column,
// narrowed to the terminal.
func (c *common) columnWidth() int {
	return max(10, min(c.textWidth, c.width))
}
