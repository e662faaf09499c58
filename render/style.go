package render

import (
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
)

// glamourStyle is kiosk's one glamour style, derived from glamour's dark
// and light styles: headings are drawn bold (and, with colours, in the
// heading colour) without the "#" markers glamour's styles print before
// them. Everything else is glamour's.
func glamourStyle(o Options) ansi.StyleConfig {
	s := styles.LightStyleConfig
	if o.Dark {
		s = styles.DarkStyleConfig
	}
	s.Heading.Bold = boolPtr(true)
	for _, h := range []*ansi.StyleBlock{&s.H2, &s.H3, &s.H4, &s.H5, &s.H6} {
		h.Prefix = ""
	}
	return s
}

func boolPtr(b bool) *bool { return &b }
