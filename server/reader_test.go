package server

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

// leadWords are the first words of the seed's first paragraph: the row that
// holds them shows where the reader wraps.
func leadWords(t *testing.T, lib *model.Library) string {
	t.Helper()
	for _, b := range lib.Articles[0].Blocks {
		if b.Kind == model.Paragraph {
			return strings.Join(strings.Fields(b.Text)[:3], " ")
		}
	}
	t.Fatal("the seed has no paragraph")
	return ""
}

func TestReaderOpensSeedTogglesCommentsAndQuits(t *testing.T) {
	ts := startServer(t, Config{})
	seed := ts.lib.Articles[0]
	term := openTerminal(t, ts.addr, 100, 40)

	term.waitForText(listed(ts.lib))
	term.send("\r")
	term.waitForText(seed.Headings()[0])
	term.send("G") // to the end, where the comments hint is
	term.waitForText("press c to show")

	term.send("c")
	term.waitForText("Comments · 10")
	term.waitForText(seed.Comments.Lines[len(seed.Comments.Lines)-1])
	term.send("c")
	term.waitForText("press c to show")

	term.send("q") // back to the list
	term.waitFor("the list", func(s string) bool { return !strings.Contains(s, seed.Headings()[0]) })
	term.send("q")
	if err := term.waitEnd(); err != nil {
		t.Fatalf("quitting should end the session cleanly, got %v", err)
	}
	if term.afterReader() == "" {
		t.Error("the client's terminal was not taken out of the alternate screen")
	}
}

func TestTwoSessionsRenderAtTheirOwnWidths(t *testing.T) {
	ts := startServer(t, Config{})
	lead := leadWords(t, ts.lib)
	narrow := openTerminal(t, ts.addr, 50, 40)
	wide := openTerminal(t, ts.addr, 120, 40)
	for _, term := range []*terminal{narrow, wide} {
		term.waitForText(listed(ts.lib))
		term.send("\r")
	}
	narrowRow := lineWith(narrow.waitForText(lead), lead)
	wideRow := lineWith(wide.waitForText(lead), lead)

	if w := ansi.StringWidth(narrowRow); w > 50 {
		t.Errorf("50-column session drew a %d-column row: %q", w, narrowRow)
	}
	if w := ansi.StringWidth(wideRow); w <= 50 {
		t.Errorf("120-column session wrapped at the other session's width: row %q is %d columns", wideRow, w)
	}
	if len(strings.Fields(wideRow)) <= len(strings.Fields(narrowRow)) {
		t.Errorf("the wide session's first line (%q) holds no more words than the narrow one's (%q)", wideRow, narrowRow)
	}
}

func TestResizeRewrapsTheArticle(t *testing.T) {
	ts := startServer(t, Config{})
	lead := leadWords(t, ts.lib)
	term := openTerminal(t, ts.addr, 120, 40)
	term.waitForText(listed(ts.lib))
	term.send("\r")
	before := lineWith(term.waitForText(lead), lead)
	if ansi.StringWidth(before) <= 50 {
		t.Fatalf("at 120 columns the first line should be wider than 50 columns: %q", before)
	}

	// The test's screen stays 120 columns wide, so that it shows what the
	// server drew rather than cutting it to 50.
	if err := term.sess.WindowChange(40, 50); err != nil {
		t.Fatal(err)
	}
	term.waitFor("the article re-wrapped to 50 columns", func(s string) bool {
		row := lineWith(s, lead)
		return row != "" && ansi.StringWidth(row) <= 50
	})
}

func TestIdleTimeoutEndsOnlyAnIdleReader(t *testing.T) {
	const idle = time.Second
	ts := startServer(t, Config{IdleTimeout: idle})
	term := openTerminal(t, ts.addr, 80, 24)
	term.waitForText(listed(ts.lib))

	// Keys reset the clock: a reader who keeps pressing stays.
	for range 6 {
		term.send("j")
		time.Sleep(idle / 3)
	}
	select {
	case <-term.done:
		t.Fatal("a reader who kept pressing keys was disconnected as idle")
	default:
	}

	start := time.Now()
	term.waitEnd()
	if waited := time.Since(start); waited < idle/2 {
		t.Errorf("session ended %v after the last key; idle timeout is %v", waited, idle)
	}
	if after := term.afterReader(); !strings.Contains(after, "without a key press") {
		t.Errorf("the client should leave the alternate screen and be told why; after it: %q", after)
	}
}
