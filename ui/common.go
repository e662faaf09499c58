package ui

import (
	"kiosk/render"
	"kiosk/store"
)

// Theme names accepted by Options.Theme.
const (
	ThemeAuto  = "auto"
	ThemeDark  = "dark"
	ThemeLight = "light"
)

// common is what every screen of one reader shares: the terminal's size and
// background, the styles and key maps built from them, and the render cache.
// Each reader (each SSH session) has its own.
type common struct {
	width, height int
	// textWidth is the widest text column asked for (--width).
	textWidth  int
	theme      string
	dark       bool
	styles     styles
	listKeys   listKeys
	pagerKeys  pagerKeys
	searchKeys searchKeys
	cache      *render.Cache
	// state is the reader's read marks, stars and places.
	state *store.State
}

func newCommon(o Options) *common {
	c := &common{
		width:      80,
		height:     24,
		textWidth:  o.Width,
		theme:      o.Theme,
		dark:       o.Theme != ThemeLight,
		listKeys:   newListKeys(),
		pagerKeys:  newPagerKeys(),
		searchKeys: newSearchKeys(),
		cache:      o.Cache,
		state:      o.State,
	}
	if c.textWidth <= 0 {
		c.textWidth = render.DefaultWidth
	}
	if c.theme == "" {
		c.theme = ThemeAuto
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
	if c.theme != ThemeAuto || dark == c.dark {
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
