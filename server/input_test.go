package server

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// onlyReader is the one reader the server runs.
func onlyReader(t *testing.T, ts *testServer) *readerSession {
	t.Helper()
	var running []*readerSession
	waitUntil(t, "one reader running", func() bool {
		running = ts.sessions.running()
		return len(running) == 1
	})
	return running[0]
}

func TestAKeyFloodIsDroppedNotQueued(t *testing.T) {
	ts := startServer(t, Config{})
	term := openTerminal(t, ts.addr, 120, 40)
	term.waitForText(listed(ts.lib))
	rs := onlyReader(t, ts)

	const flood = 5000
	start := time.Now()
	term.send(strings.Repeat("jk", flood/2))
	waitUntil(t, "the flood read", func() bool {
		return rs.input.dropped.Load()+rs.input.delivered.Load() >= flood/4
	})
	// What the reader handled is bounded by the rate, not by the flood.
	time.Sleep(200 * time.Millisecond)
	handled := rs.input.delivered.Load()
	if most := inputBurst + maxQueuedEvents + int64(time.Since(start).Seconds()*inputRate) + 10; handled > most {
		t.Errorf("the reader handled %d of %d keys in %v; at most %d fit the rate", handled, flood, time.Since(start), most)
	}
	if rs.input.dropped.Load() == 0 {
		t.Error("nothing of a 5,000-key flood was dropped")
	}
	// Once the flood stops, the reader answers again within a second or
	// so: what is left queued is bounded.
	time.Sleep(time.Second)
	term.send("?")
	term.waitFor("the help screen", func(s string) bool { return strings.Contains(strings.ToLower(s), "help") })
}

func TestWindowChangesAreCoalesced(t *testing.T) {
	ts := startServer(t, Config{})
	term := openTerminal(t, ts.addr, 120, 40)
	term.waitForText(listed(ts.lib))
	term.send("\r")
	lead := leadWords(t, ts.lib)
	term.waitForText(lead)
	rs := onlyReader(t, ts)

	// Every size of the flood is wide: the article is re-wrapped to 50
	// columns only once the last size is drawn. (The test's screen stays
	// 120 columns wide, so that it shows what the server drew.)
	const changes = 300
	for i := range changes + 1 {
		w := 120 + i%50
		if i == changes {
			w = 50
		}
		if err := term.sess.WindowChange(40, w); err != nil {
			t.Fatal(err)
		}
	}
	term.waitFor("the article re-wrapped to the last size", func(s string) bool {
		row := lineWith(s, lead)
		return row != "" && ansi.StringWidth(row) <= 50
	})
	if n := rs.input.resizes.Load(); n > changes/3 {
		t.Errorf("%d window changes made the reader lay out %d times; only the last size matters", changes+1, n)
	}
}

func TestAZeroSizedTerminalIsDrawnAt80x24(t *testing.T) {
	ts := startServer(t, Config{})
	term := openTerminal(t, ts.addr, 0, 0)
	screen := term.waitForText("quit")
	// The list's key help is its last line: drawn at 80×24, on row 24.
	if row := rowWith(screen, "quit"); row != defaultRows {
		t.Errorf("a 0×0 terminal's last line is drawn on row %d, want %d:\n%s", row, defaultRows, screen)
	}
	checkDrawnWithin(t, screen, defaultColumns, defaultRows)
	// An open article's status bar spans the width, its key help at the
	// right edge.
	term.send("\r")
	screen = term.waitForText("%")
	if bar := lineWith(screen, "%"); !strings.HasSuffix(bar, "? help") || ansi.StringWidth(bar) < defaultColumns-1 {
		t.Errorf("a 0×0 terminal's status bar is %q, want it %d columns wide:\n%s", bar, defaultColumns, screen)
	}
}

func TestAWindowBeyondMaxWindowIsDrawnAtMaxWindow(t *testing.T) {
	ts := startServer(t, Config{MaxWidth: 100, MaxHeight: 30})
	term := openTerminal(t, ts.addr, 150, 50)
	term.waitForText(listed(ts.lib))
	screen := term.waitForText("quit")
	if row := rowWith(screen, "quit"); row != 30 {
		t.Errorf("a 150×50 window's last line is drawn on row %d; --max-window is 100×30:\n%s", row, screen)
	}
	checkDrawnWithin(t, screen, 100, 30)
	if err := term.sess.WindowChange(400, 400); err != nil {
		t.Fatal(err)
	}
	term.send("?")
	screen = term.waitFor("the help screen", func(s string) bool { return strings.Contains(strings.ToLower(s), "help") })
	checkDrawnWithin(t, screen, 100, 30)
}

// rowWith is the row (from 1) of the last line of screen that holds s, or 0.
func rowWith(screen, s string) int {
	row := 0
	for i, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, s) {
			row = i + 1
		}
	}
	return row
}

// checkDrawnWithin fails when anything is drawn beyond w×h.
func checkDrawnWithin(t *testing.T, screen string, w, h int) {
	t.Helper()
	for i, row := range strings.Split(screen, "\n") {
		if rw := ansi.StringWidth(row); rw > w || (i >= h && rw > 0) {
			t.Fatalf("row %d is drawn %d columns wide, beyond %d×%d:\n%s", i+1, rw, w, h, screen)
		}
	}
}
