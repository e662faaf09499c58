package server

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"kiosk/store/storetest"
)

// The reader's program reads nothing itself, so the server asks the client's
// terminal for its background: a terminal that answers light is drawn in
// colours a terminal that answers dark never gets.
func TestReaderTakesTheThemeOfTheClientsBackground(t *testing.T) {
	ts := startServer(t, Config{DB: storetest.Open(t)})
	open := func(background string) *terminal {
		term, err := tryTerminalOn(t, dial(t, ts.addr), 80, 24, background)
		if err != nil {
			t.Fatal(err)
		}
		term.waitForText(listed(ts.lib))
		return term
	}
	colours := func(term *terminal) []string {
		term.mu.Lock()
		defer term.mu.Unlock()
		return foreground.FindAllString(term.raw.String(), -1)
	}
	dark := open(darkBackground)
	time.Sleep(300 * time.Millisecond) // for its answer to be drawn, had it changed anything
	darkColours := map[string]bool{}
	for _, sgr := range colours(dark) {
		darkColours[sgr] = true
	}
	light := open(lightBackground)
	light.waitFor("the light theme's colours", func(string) bool {
		for _, sgr := range colours(light) {
			if !darkColours[sgr] {
				return true
			}
		}
		return false
	})
}

// foreground matches an SGR sequence that sets a foreground colour.
var foreground = regexp.MustCompile(`\x1b\[[0-9;]*3[89];[0-9;]*m`)

// The server asks whether the client's terminal can draw a frame at once
// and whether it measures characters by grapheme; when it answers that it
// can draw a frame at once, frames are drawn that way (no half-drawn screen
// while a frame arrives).
func TestReaderDrawsFramesAtOnceWhereTheTerminalCan(t *testing.T) {
	ts := startServer(t, Config{DB: storetest.Open(t)})
	term := openTerminal(t, ts.addr, 80, 24)
	term.waitForText(listed(ts.lib))
	raw := func() string {
		term.mu.Lock()
		defer term.mu.Unlock()
		return term.raw.String()
	}
	for _, query := range []string{ansi.RequestModeSynchronizedOutput, ansi.RequestModeUnicodeCore} {
		if !strings.Contains(raw(), query) {
			t.Fatalf("the terminal was not asked %q: %q", query, raw())
		}
	}
	if strings.Contains(raw(), ansi.SetModeSynchronizedOutput) {
		t.Fatal("frames drawn at once before the terminal said it can")
	}
	if _, err := term.stdin.Write([]byte(ansi.ReportMode(ansi.ModeSynchronizedOutput, ansi.ModeReset))); err != nil {
		t.Fatal(err)
	}
	term.send("?")
	term.waitFor("a frame drawn at once", func(string) bool {
		return strings.Contains(raw(), ansi.SetModeSynchronizedOutput)
	})
}
