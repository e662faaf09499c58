package ui

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"kiosk/model"
)

// These tests drive a whole reader through teatest and compare its last
// screen with a golden file (go test ./ui -update rewrites them; read every
// change before committing it).

func TestGoldenList100x30(t *testing.T) {
	tm := startReader(t, seedLibrary(t), 100, 30)
	waitFor(t, tm, "q quit")
	golden.RequireEqual(t, finalScreen(t, tm))
}

func TestGoldenSeedOpened80x24(t *testing.T) {
	tm := openSeed(t, 80, 24)
	tm.Send(press("space"))
	waitFor(t, tm, "Nordkorea ratifiziert")
	golden.RequireEqual(t, finalScreen(t, tm))
}

func TestGoldenCommentsShown(t *testing.T) {
	tm := openSeed(t, 80, 24)
	tm.Send(press("c"))
	waitFor(t, tm, "Kommentare anzeigen")
	golden.RequireEqual(t, finalScreen(t, tm))
}

func TestGoldenCommentsHidden(t *testing.T) {
	tm := openSeed(t, 80, 24)
	tm.Send(press("c"))
	waitFor(t, tm, "Kommentare anzeigen")
	tm.Send(press("c"))
	waitFor(t, tm, "press c to show")
	golden.RequireEqual(t, finalScreen(t, tm))
}

// The search golden keeps the SGR attributes an Ascii terminal gets, so
// that the highlighted matches (reverse; the current one also bold and
// underlined) show in the file.
func TestGoldenSearchHighlights(t *testing.T) {
	tm := openSeed(t, 80, 24)
	tm.Type("/russland")
	tm.Send(press("enter"))
	waitFor(t, tm, "match 1/")
	tm.Send(press("n"))
	golden.RequireEqual(t, finalAsciiScreen(t, tm))
}

func TestGoldenHelp(t *testing.T) {
	tm := startReader(t, seedLibrary(t), 100, 30)
	waitFor(t, tm, "q quit")
	tm.Send(press("?"))
	waitFor(t, tm, "Article pane")
	golden.RequireEqual(t, finalScreen(t, tm))
}

func TestGoldenList40x12(t *testing.T) {
	tm := startReader(t, seedLibrary(t), 40, 12)
	waitFor(t, tm, "1/1")
	golden.RequireEqual(t, finalScreen(t, tm))
}

func TestGoldenPane40x12(t *testing.T) {
	tm := openSeed(t, 40, 12)
	golden.RequireEqual(t, finalScreen(t, tm))
}

func TestGoldenEmptyLibrary(t *testing.T) {
	tm := startReader(t, &model.Library{Name: "~/empty"}, 80, 24)
	waitFor(t, tm, "q/esc quit")
	golden.RequireEqual(t, finalScreen(t, tm))
}
