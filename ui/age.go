package ui

import (
	"fmt"
	"strings"
	"time"

	"kiosk/model"
	"kiosk/render"
)

// rowFacts is the second line of a row: for a feed item its feed and age
// ("BBC News · 3h"), then the byline, place and reading time.
func (l *listModel) rowFacts(a *model.Article) string {
	facts := render.RowFacts(a)
	if a.Feed == "" {
		return facts
	}
	parts := []string{a.Feed}
	if !a.Published.IsZero() {
		parts = append(parts, age(a.Published, l.com.now()))
	}
	if facts != "" {
		parts = append(parts, facts)
	}
	return strings.Join(parts, " · ")
}

// age says how long ago t was, as feed readers do: "5m", "3h", "2d", and
// the date beyond a month.
func age(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "now"
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	case d < 31*24*time.Hour:
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	case t.Year() == now.Year():
		return t.Format("2 Jan")
	}
	return t.Format("2 Jan 2006")
}
