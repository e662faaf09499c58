package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"kiosk/model"
)

// wideTable is a wire story with a table wider than a 40-column pane.
const wideTable = "FERRY TRAFFIC UP IN MAY\n\n" +
	"OSLO, June 2 - Passenger numbers rose on all routes, the port said.\n" +
	"  Route          May 1991    May 1990     Change    Year to date\n" +
	"  Oslo-Kiel      102,400      96,100       +6.6         410,200\n" +
	"  Oslo-Hirtshals  48,300      47,900       +0.8         190,800\n" +
	"    The port expects a busy summer.\n"

func openWideTable(t *testing.T) *teatest.TestModel {
	t.Helper()
	tm := startReader(t, madeLibrary(t, map[string]string{"ferry.txt": wideTable}), 40, 14)
	waitFor(t, tm, "1/1")
	tm.Send(press("enter"))
	waitFor(t, tm, "wide")
	return tm
}

// A table wider than the pane is cut at its edge, never wrapped, and the
// status bar says that it scrolls sideways.
func TestGoldenWideTable40x14(t *testing.T) {
	golden.RequireEqual(t, finalScreen(t, openWideTable(t)))
}

func TestGoldenWideTableScrolled40x14(t *testing.T) {
	tm := openWideTable(t)
	for range 3 {
		tm.Send(press(">"))
	}
	waitFor(t, tm, "‹<")
	screen := finalScreen(t, tm)
	if !strings.Contains(screen, "Year to date") {
		t.Errorf("> did not scroll the table sideways:\n%s", screen)
	}
	golden.RequireEqual(t, screen)
}

// Scrolled sideways, then the window grows wide enough for the table: the
// lines are no longer cut at the left.
func TestWideningThePaneUndoesTheSidewaysScroll(t *testing.T) {
	m := newReader(madeLibrary(t, map[string]string{"ferry.txt": wideTable}), 40, 14)
	drive(m, keyPress("enter"))
	for range 3 {
		drive(m, keyPress(">"))
	}
	if m.pager.xOffset == 0 {
		t.Fatal("> did not scroll the table sideways")
	}
	drive(m, tea.WindowSizeMsg{Width: 120, Height: 14})
	mustShow(t, m, "FERRY TRAFFIC UP IN MAY", "OSLO, June 2", "  Route")
}

// Scrolled sideways, then the article changes to one without the table:
// its text shows from its first column.
func TestANarrowerNewVersionUndoesTheSidewaysScroll(t *testing.T) {
	old := madeLibrary(t, map[string]string{"ferry.txt": wideTable})
	m := newReader(old, 40, 14)
	drive(m, keyPress("enter"))
	for range 3 {
		drive(m, keyPress(">"))
	}
	narrow := madeLibrary(t, map[string]string{"ferry.txt": "FERRY TRAFFIC UP IN MAY\n\nOSLO, June 2 - Numbers rose.\n"})
	drive(m, LibraryUpdateMsg{Update: model.Update{Lib: narrow, Changed: narrow.Articles}})
	mustShow(t, m, "OSLO, June 2")
}
