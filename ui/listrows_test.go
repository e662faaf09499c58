package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/render"
	"kiosk/store"
)

// The rows' texts are kept between frames; a minute later the ages must
// still have moved on.
func TestListAgesMoveOnWithTheClock(t *testing.T) {
	m := feedReader(newFakeFeeds(), newFakeFeeds().options())
	mustShow(t, m, "Alpha News · 3h")
	now := feedNow
	m.com.now = func() time.Time { return now }
	now = now.Add(time.Hour)
	mustShow(t, m, "Alpha News · 4h")
	mustNotShow(t, m, "Alpha News · 3h")
}

// A narrower window cuts the titles again, at once.
func TestListTitlesFollowTheWindowWidth(t *testing.T) {
	long := strings.Repeat("Nachricht ", 8)
	m := New(madeLibrary(t, map[string]string{"a.txt": long + "\n\nText.\n"}), Options{})
	m.com.now = func() time.Time { return feedNow }
	for _, width := range []int{40, 100, 25, 100} {
		drive(m, tea.WindowSizeMsg{Width: width, Height: 20})
		title := ""
		for _, line := range screenLines(m) {
			if strings.Contains(line, "Nachricht") {
				title = line
				break
			}
		}
		if title == "" {
			t.Fatalf("at width %d the title is not listed:\n%s", width, screenText(m))
		}
		if w := ansi.StringWidth(title); w > width || (width < 100 && !strings.HasSuffix(title, "…")) {
			t.Errorf("at width %d the title row is %d cells: %q", width, w, title)
		}
		if width == 100 && strings.Contains(title, "…") {
			t.Errorf("at width 100 the title is still cut: %q", title)
		}
	}
}

// A row is drawn again as soon as its marks change, within the same second.
func TestListRowsShowNewMarksAtOnce(t *testing.T) {
	m := New(threeArticles(), Options{State: store.NewMemoryState()})
	m.com.now = func() time.Time { return feedNow }
	drive(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	row := func() string { return rowOf(screenText(m), "Gipfel in München") }
	if r := row(); !strings.Contains(r, "●") || strings.Contains(r, "★") {
		t.Fatalf("a new article's row is not unread and unstarred: %q", r)
	}
	drive(m, press("*"))
	if r := row(); !strings.Contains(r, "★") {
		t.Errorf("* left the row without its star: %q", r)
	}
	drive(m, press("m"))
	if r := row(); strings.Contains(r, "●") {
		t.Errorf("m left the row marked unread: %q", r)
	}
	drive(m, press("*"), press("m"))
	if r := row(); !strings.Contains(r, "●") || strings.Contains(r, "★") {
		t.Errorf("* and m again did not undo the marks: %q", r)
	}
	// Marked read elsewhere: another session of the same reader, saved and
	// read back from the database.
	m.com.state.MarkRead(threeArticles().Articles[0].Key, true)
	if r := row(); strings.Contains(r, "●") {
		t.Errorf("the row still shows unread after the state changed outside the reader: %q", r)
	}
}

// The list is drawn in the colours of the background the terminal reports,
// even when it answers within the second the list was first drawn in.
func TestListRowsTakeTheColoursOfTheBackground(t *testing.T) {
	rawRow := func(m *Model) string {
		for line := range strings.SplitSeq(m.View().Content, "\n") {
			if strings.Contains(line, "Gipfel in München") {
				return line
			}
		}
		t.Fatal("the row is not on the screen")
		return ""
	}
	lightFirst := New(threeArticles(), Options{Theme: render.ThemeLight})
	drive(lightFirst, tea.WindowSizeMsg{Width: 80, Height: 24})
	m := New(threeArticles(), Options{})
	m.com.now = func() time.Time { return feedNow }
	drive(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	dark := rawRow(m)
	drive(m, tea.BackgroundColorMsg{Color: lipgloss.Color("#ffffff")})
	if light := rawRow(m); light == dark || light != rawRow(lightFirst) {
		t.Errorf("after a light background the row is drawn %q, want %q as with --theme light", light, rawRow(lightFirst))
	}
}

// A window too low for rows of three lines lists titles only, and the facts
// come back with the height.
func TestListRowsFollowTheWindowHeight(t *testing.T) {
	m := New(threeArticles(), Options{})
	m.com.now = func() time.Time { return feedNow }
	for _, c := range []struct {
		height int
		facts  bool
	}{{24, true}, {4, false}, {24, true}} {
		drive(m, tea.WindowSizeMsg{Width: 80, Height: c.height})
		if got := strings.Contains(screenText(m), "Anna · München"); got != c.facts {
			t.Errorf("at %d rows the facts are shown: %v, want %v:\n%s", c.height, got, c.facts, screenText(m))
		}
	}
}
