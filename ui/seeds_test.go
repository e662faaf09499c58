package ui

import (
	"slices"
	"testing"

	"kiosk/model"
	"kiosk/seeds"
)

// TestReadmeFilterExamplesWorkOnTheBuiltInArticles: the examples the README
// and the welcome articles give for the filter find something in the
// library a newcomer has, the built-in one.
func TestReadmeFilterExamplesWorkOnTheBuiltInArticles(t *testing.T) {
	lib, err := model.LoadFS(seeds.FS, "kiosk seeds")
	if err != nil {
		t.Fatal(err)
	}
	for query, want := range map[string]string{
		"munchen": "Willkommen bei kiosk",
		"rutte":   lib.Articles[0].Title,
		"strasse": "Straßennamen und Dateinamen",
	} {
		m := newReader(lib, 100, 30)
		drive(m, press("/"))
		typeText(m, query)
		if got := visibleTitles(m); !slices.Contains(got, want) {
			t.Errorf("filter %q on the built-in articles shows %q, want %q among them", query, got, want)
		}
	}
	m := newReader(lib, 100, 30)
	drive(m, press("enter"), press("]"))
	if m.screen != screenPager || m.pager.index != 1 {
		t.Errorf("] from the first built-in article does not open the second (index %d)", m.pager.index)
	}
}
