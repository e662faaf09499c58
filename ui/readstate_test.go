package ui

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"kiosk/model"
	"kiosk/render"
	"kiosk/store"
	"kiosk/store/storetest"
)

var tab = tea.KeyPressMsg{Code: tea.KeyTab}

// startReaderWithState is startReader with a state store.
func startReaderWithState(t *testing.T, lib *model.Library, st *store.State, w, h int) *teatest.TestModel {
	t.Helper()
	return startModel(t, New(lib, Options{Theme: render.ThemeDark, State: st}), w, h)
}

func readerWithState(lib *model.Library, st *store.State, w, h int) *Model {
	m := New(lib, Options{Theme: render.ThemeDark, State: st})
	drive(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// rowOf is the screen line showing title.
func rowOf(screen, title string) string {
	for line := range strings.SplitSeq(screen, "\n") {
		if strings.Contains(line, title) {
			return line
		}
	}
	return ""
}

func TestScrollingAnArticleMarksItReadInTheList(t *testing.T) {
	st := store.NewMemoryState()
	lib := seedLibrary(t)
	tm := startReaderWithState(t, lib, st, 80, 24)
	waitFor(t, tm, "q quit")
	tm.Send(press("enter"))
	waitFor(t, tm, "min read")
	tm.Send(press("j"))
	tm.Send(press("q"))
	waitFor(t, tm, "q quit")
	screen := finalScreen(t, tm)
	row := rowOf(screen, "Nato-Generalsekretär")
	if row == "" || strings.Contains(row, "●") {
		t.Errorf("after reading, the seed's row should lose its unread dot:\n%s", screen)
	}
	if !st.Get(lib.Articles[0].Key).Read {
		t.Error("the store does not have the seed as read")
	}
}

func TestUnreadArticlesAreMarkedWithADot(t *testing.T) {
	st := store.NewMemoryState()
	st.MarkRead("b", true)
	tm := startReaderWithState(t, threeArticles(), st, 80, 24)
	waitFor(t, tm, "q quit")
	screen := finalScreen(t, tm)
	for _, tc := range []struct {
		title  string
		unread bool
	}{{"Gipfel in München", true}, {"Nordkorea testet Raketen", false}, {"Wahl in Paris", true}} {
		if row := rowOf(screen, tc.title); strings.Contains(row, "●") != tc.unread {
			t.Errorf("row %q: unread dot shown %v, want %v", row, !tc.unread, tc.unread)
		}
	}
}

func TestOpeningWithoutScrollingMarksReadOnlyAfterAWhile(t *testing.T) {
	st := store.NewMemoryState()
	m := readerWithState(threeArticles(), st, 80, 24)
	drive(m, press("enter"))
	if st.Get("a").Read {
		t.Fatal("an article is read the moment it opens; it should take a scroll or a few seconds")
	}
	drive(m, readTimeMsg{opening: m.pager.opening})
	if !st.Get("a").Read {
		t.Fatal("an article kept open should become read when its timer fires")
	}

	// A timer from an article the reader has left marks nothing.
	drive(m, press("]"))
	stale := readTimeMsg{opening: m.pager.opening}
	drive(m, press("q"), stale)
	if st.Get("b").Read {
		t.Error("an article left before its time became read")
	}
}

// The timer, end to end through a running program: an article left open
// without a scroll becomes read when its timer fires, not before.
func TestArticleKeptOpenBecomesRead(t *testing.T) {
	st := store.NewMemoryState()
	m := New(threeArticles(), Options{Theme: render.ThemeDark, State: st})
	clock := newHandClock(t)
	m.com.tick = clock.tick
	tm := startModel(t, m, 80, 24)
	waitFor(t, tm, "q quit")
	tm.Send(press("enter"))
	waitFor(t, tm, "Erster Absatz")
	if st.Get("a").Read {
		t.Fatal("the article was read the moment it opened")
	}
	close(clock.fire)
	eventually(t, "marked read once the timer fired", func() bool { return st.Get("a").Read })
	finalScreen(t, tm)
}

func TestReadTimerWaitsReadAfter(t *testing.T) {
	m := newReader(threeArticles(), 80, 24)
	var asked time.Duration
	m.com.readAfter = 7 * time.Second
	m.com.tick = func(d time.Duration, _ func(time.Time) tea.Msg) tea.Cmd {
		asked = d
		return nil
	}
	drive(m, press("enter"))
	if asked != 7*time.Second {
		t.Errorf("the read timer was set for %v, want the reader's readAfter (7s)", asked)
	}
	if New(nil, Options{}).com.readAfter != 3*time.Second {
		t.Error("an article should become read after 3 seconds open, as the README says")
	}
}

func TestMarkUnreadInThePaneSticks(t *testing.T) {
	st := store.NewMemoryState()
	m := readerWithState(seedLibrary(t), st, 80, 24)
	id := m.lib.Articles[0].Key
	drive(m, press("enter"), press("j"))
	if !st.Get(id).Read {
		t.Fatal("scrolling did not mark the article read")
	}
	drive(m, press("m"))
	if st.Get(id).Read || !strings.Contains(m.View().Content, "Marked unread") {
		t.Fatalf("m in the pane should mark unread and say so:\n%s", m.View().Content)
	}
	drive(m, press("j"), readTimeMsg{opening: m.pager.opening})
	if st.Get(id).Read {
		t.Error("marked unread by hand, the article was marked read again by a scroll or the timer")
	}
}

func TestStarAndStarredOnly(t *testing.T) {
	st := store.NewMemoryState()
	tm := startReaderWithState(t, threeArticles(), st, 80, 24)
	waitFor(t, tm, "q quit")
	tm.Send(press("j"))
	tm.Send(press("*"))
	tm.Send(press("B"))
	waitFor(t, tm, "starred only")
	screen := finalScreen(t, tm)
	if row := rowOf(screen, "Nordkorea testet Raketen"); !strings.Contains(row, "★") {
		t.Errorf("the starred article's row has no star:\n%s", screen)
	}
	for _, hidden := range []string{"Gipfel in München", "Wahl in Paris"} {
		if strings.Contains(screen, hidden) {
			t.Errorf("starred only still lists %q:\n%s", hidden, screen)
		}
	}
	if !st.Get("b").Starred {
		t.Error("the store does not have the article starred")
	}
}

func TestStarInThePaneAndToggleViewsBack(t *testing.T) {
	st := store.NewMemoryState()
	m := readerWithState(threeArticles(), st, 80, 24)
	drive(m, press("enter"), press("*"))
	if !st.Get("a").Starred || !strings.Contains(m.View().Content, "Starred.") {
		t.Fatalf("* in the pane should star the article and say so:\n%s", m.View().Content)
	}
	drive(m, press("j"))
	if lines := screenLines(m); !strings.Contains(lines[len(lines)-1], "★") {
		t.Errorf("the status bar of a starred article shows no star: %q", lines[len(lines)-1])
	}
	drive(m, press("q"), press("B"))
	if got := visibleTitles(m); !slices.Equal(got, []string{"Gipfel in München"}) {
		t.Fatalf("starred only shows %q", got)
	}
	drive(m, press("B"))
	if len(m.list.visible) != 3 {
		t.Errorf("B again should show all articles, shows %q", visibleTitles(m))
	}
	drive(m, press("B"), press("*"))
	drive(m, press("B"), press("B"))
	if got := visibleTitles(m); len(got) != 0 {
		t.Errorf("after unstarring the only starred article, starred only shows %q", got)
	}
	if screen := strings.Join(screenLines(m), "\n"); !strings.Contains(screen, "No starred articles") {
		t.Errorf("an empty starred view should say so:\n%s", screen)
	}
}

func TestUnreadOnlyAndNextUnread(t *testing.T) {
	st := store.NewMemoryState()
	tm := startReaderWithState(t, threeArticles(), st, 80, 24)
	waitFor(t, tm, "q quit")
	tm.Send(press("m")) // the first article, read by hand
	tm.Send(press("U"))
	waitFor(t, tm, "unread only")
	screen := finalScreen(t, tm)
	if strings.Contains(screen, "Gipfel in München") {
		t.Errorf("unread only lists the article marked read:\n%s", screen)
	}
	for _, title := range []string{"Nordkorea testet Raketen", "Wahl in Paris"} {
		if row := rowOf(screen, title); !strings.Contains(row, "●") {
			t.Errorf("unread only should list %q with its dot:\n%s", title, screen)
		}
	}
}

func TestNextUnreadSkipsReadArticlesAndWraps(t *testing.T) {
	st := store.NewMemoryState()
	st.MarkRead("b", true)
	m := readerWithState(threeArticles(), st, 80, 24)
	drive(m, press("enter"), tab)
	if got := m.pager.article.ID; got != "c" {
		t.Fatalf("tab from a with b read opened %q, want c", got)
	}
	drive(m, tab)
	if got := m.pager.article.ID; got != "a" {
		t.Fatalf("tab from c should wrap to a, the only other unread one; opened %q", got)
	}
	st.MarkRead("c", true)
	drive(m, tab)
	if got := m.pager.article.ID; got != "a" || !strings.Contains(m.View().Content, "No other unread article") {
		t.Errorf("with nothing else unread tab should stay and say so; on %q:\n%s", got, m.View().Content)
	}
	drive(m, press("q"))
	if m.list.selected() != 0 {
		t.Errorf("back from a, the list selects %d", m.list.selected())
	}
}

func TestReopeningReturnsToTheSavedPlace(t *testing.T) {
	st := store.NewMemoryState()
	tm := startReaderWithState(t, seedLibrary(t), st, 80, 24)
	waitFor(t, tm, "q quit")
	tm.Send(press("enter"))
	waitFor(t, tm, "min read")
	tm.Send(press("space"))
	waitFor(t, tm, "Nordkorea ratifiziert")
	tm.Send(press("q"))
	waitFor(t, tm, "q quit")
	tm.Send(press("enter"))
	waitFor(t, tm, "Nordkorea ratifiziert")
	screen := finalScreen(t, tm)
	if strings.Contains(screen, "min read") {
		t.Errorf("reopened at the top, not at the saved place:\n%s", screen)
	}
	if !strings.Contains(screen, "Nordkorea ratifiziert") {
		t.Errorf("the saved place is not on screen:\n%s", screen)
	}
}

// A place saved at one width is found at another: the same paragraph is
// at the top.
func TestSavedPlaceSurvivesANewWidth(t *testing.T) {
	st := store.NewMemoryState()
	m := readerWithState(seedLibrary(t), st, 100, 24)
	drive(m, press("enter"), press("space"), press("j"), press("j"))
	saved := m.pager.doc.BlockAt(m.pager.vp.YOffset())
	drive(m, press("q"))
	pos := st.Get(m.lib.Articles[0].Key).Position
	if pos.Block != saved || saved < 1 {
		t.Fatalf("saved %+v, want block %d", pos, saved)
	}

	m = readerWithState(seedLibrary(t), st, 50, 24)
	drive(m, press("enter"))
	if got := m.pager.doc.BlockAt(m.pager.vp.YOffset()); got != saved {
		t.Errorf("at 50 columns the top shows block %d, want %d", got, saved)
	}
}

func TestPositionMapsToTheSameLine(t *testing.T) {
	m := readerWithState(seedLibrary(t), store.NewMemoryState(), 80, 24)
	drive(m, press("enter"))
	d := m.pager.doc
	for offset := range len(d.Lines) {
		p := d.Position(offset)
		if offset <= d.Anchors[0] {
			// The zero Position is the top: the title, not the first block.
			if p != (model.Position{}) {
				t.Errorf("line %d, above the first block, saved as %+v", offset, p)
			}
			continue
		}
		if got := d.OffsetOf(p); got != offset {
			t.Errorf("line %d saved as %+v restores to line %d", offset, p, got)
		}
	}
	if got := d.OffsetOf(model.Position{Block: 999, Line: 5}); got != d.Anchors[len(d.Anchors)-1] {
		t.Errorf("a block past the end restores to line %d, want the last block's %d", got, d.Anchors[len(d.Anchors)-1])
	}
}

// State lasts: a second reader on the same database, as after a restart,
// sees the first one's marks and returns to its place.
func TestStateLastsAcrossReaders(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kiosk.db")
	openState := func() *store.State {
		st, err := storetest.OpenAt(t, path).State(context.Background(), "")
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := openState()
	lib := func() *model.Library {
		l := threeArticles()
		l.Articles[1] = article("b", "Nordkorea testet Raketen", "Ben", "Seoul", -1,
			strings.Split(strings.Repeat("Ein Absatz über Raketen und Tests.\n", 20), "\n")...)
		return l
	}
	m := readerWithState(lib(), st, 80, 12)
	drive(m, press("j"), press("*"), press("enter"), press("space"), press("j"))
	place := m.pager.doc.Position(m.pager.vp.YOffset())
	drive(m, press("ctrl+c"))
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}

	st = openState()
	defer st.Close()
	m = readerWithState(lib(), st, 80, 12)
	screen := strings.Join(screenLines(m), "\n")
	if row := rowOf(screen, "Nordkorea"); !strings.Contains(row, "★") || strings.Contains(row, "●") {
		t.Errorf("after a restart the starred, read article shows as %q", row)
	}
	drive(m, press("j"), press("enter"))
	if got := m.pager.doc.Position(m.pager.vp.YOffset()); got != place || place == (model.Position{}) {
		t.Errorf("after a restart the article opens at %+v, want %+v", got, place)
	}
}
