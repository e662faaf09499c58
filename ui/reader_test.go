package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
	"kiosk/model/modeltest"
	"kiosk/render"
)

var article = modeltest.Article

func threeArticles() *model.Library {
	return &model.Library{Name: "three", Articles: []*model.Article{
		article("a", "Gipfel in München", "Anna", "München", 3, "Erster Absatz über den Gipfel."),
		article("b", "Nordkorea testet Raketen", "Ben", "Seoul", -1, "Zweiter Artikel ohne Kommentare."),
		article("c", "Wahl in Paris", "Chloé", "Paris", 7, "Dritter Absatz über die Wahl."),
	}}
}

func newReader(lib *model.Library, w, h int) *Model {
	m := New(lib, Options{Theme: render.ThemeDark})
	drive(m, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

func typeText(m *Model, s string) {
	for _, r := range s {
		drive(m, press(string(r)))
	}
}

func visibleTitles(m *Model) []string {
	var out []string
	for _, i := range m.list.visible {
		out = append(out, m.lib.Articles[i].Title)
	}
	return out
}

func TestFilterIsFuzzyAndAccentInsensitive(t *testing.T) {
	for _, tc := range []struct{ query, want string }{
		{"munchen", "Gipfel in München"},
		{"nordkorea", "Nordkorea testet Raketen"},
		{"NRDKR", "Nordkorea testet Raketen"},
		{"chloe", "Wahl in Paris"},
		{"seoul", "Nordkorea testet Raketen"},
	} {
		m := newReader(threeArticles(), 80, 24)
		drive(m, press("/"))
		typeText(m, tc.query)
		if got := visibleTitles(m); len(got) != 1 || got[0] != tc.want {
			t.Errorf("filter %q shows %q, want only %q", tc.query, got, tc.want)
		}
		drive(m, press("esc"))
		if got := len(m.list.visible); got != 3 {
			t.Errorf("after esc the list shows %d articles, want all 3", got)
		}
	}
}

func TestFilterPutsWholeWordMatchesFirst(t *testing.T) {
	lib := &model.Library{Name: "oil", Articles: []*model.Article{
		article("1", "OKB issues bond", "", "London", -1, "x"),
		article("2", "Prices of crude oil rise", "", "Houston", -1, "x"),
	}}
	m := newReader(lib, 80, 24)
	drive(m, press("/"))
	typeText(m, "oil")
	if got := visibleTitles(m); len(got) != 2 || got[0] != "Prices of crude oil rise" {
		t.Errorf("filter oil shows %q; the title containing oil should come first", got)
	}
}

func TestFilterAcceptedWithEnterOpensMatch(t *testing.T) {
	m := newReader(threeArticles(), 80, 24)
	drive(m, press("/"))
	typeText(m, "paris")
	drive(m, press("enter"), press("enter"))
	if m.screen != screenPager || m.pager.article.ID != "c" {
		t.Fatalf("enter after filtering should open the match, screen %v", m.screen)
	}
}

func TestListQuitsOnQButNotOnV(t *testing.T) {
	m := newReader(threeArticles(), 80, 24)
	if _, cmd := m.Update(press("v")); cmd != nil && isQuit(cmd) {
		t.Error("v quit the reader; only q and ctrl+c may")
	}
	if _, cmd := m.Update(press("q")); cmd == nil || !isQuit(cmd) {
		t.Error("q in the list did not quit")
	}
}

func isQuit(cmd tea.Cmd) bool {
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestNextPrevAndBackKeepSelection(t *testing.T) {
	m := newReader(threeArticles(), 80, 24)
	drive(m, press("enter"), press("]"), press("]"))
	if got := m.pager.article.ID; got != "c" {
		t.Fatalf("] ] from the first article opened %q, want c", got)
	}
	if !strings.Contains(m.View().Content, "3/3") {
		t.Error("status bar does not show 3/3")
	}
	drive(m, press("]"))
	if !strings.Contains(ansi.Strip(m.View().Content), "last article") {
		t.Error("] on the last article does not say so")
	}
	drive(m, press("["))
	for _, back := range []string{"q", "esc", "h"} {
		drive(m, press("enter"))
		drive(m, press(back))
		if m.screen != screenList || m.list.selected() != 1 {
			t.Errorf("%s: back on the list with article %d selected, want 1 (the one just read)", back, m.list.selected())
		}
	}
}

func TestOpeningAnArticlePrefetchesTheNext(t *testing.T) {
	m := newReader(threeArticles(), 80, 24)
	m.com.readAfter = 0
	_, cmd := m.Update(press("enter"))
	runCmds(cmd)
	next := m.lib.Articles[1]
	if m.com.cache.Cached(next, render.Options{Width: 80, Dark: true}) == nil {
		t.Error("the next article was not rendered ahead")
	}
}

// runCmds runs cmd and any batch it returns, as the program would, and
// drops the messages.
func runCmds(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	if batch, ok := cmd().(tea.BatchMsg); ok {
		for _, c := range batch {
			runCmds(c)
		}
	}
}

func TestCommentsToggleHoldsAcrossArticles(t *testing.T) {
	m := newReader(threeArticles(), 80, 40)
	drive(m, press("enter"))
	screen := ansi.Strip(m.View().Content)
	if strings.Contains(screen, "Kommentare anzeigen") || !strings.Contains(screen, "3 comments · press c") {
		t.Fatalf("footer should be hidden behind a hint by default:\n%s", screen)
	}
	drive(m, press("c"))
	if screen := ansi.Strip(m.View().Content); !strings.Contains(screen, "Kommentare anzeigen a") {
		t.Fatalf("c did not show the footer:\n%s", screen)
	}
	drive(m, press("]"), press("c"))
	if screen := ansi.Strip(m.View().Content); !strings.Contains(screen, "This article has no comments footer") {
		t.Errorf("c on an article without footer does not say so:\n%s", screen)
	}
	drive(m, press("]"))
	if screen := ansi.Strip(m.View().Content); !strings.Contains(screen, "Kommentare anzeigen c") {
		t.Errorf("the footer choice did not hold for the next article:\n%s", screen)
	}
	drive(m, press("c"))
	if screen := ansi.Strip(m.View().Content); strings.Contains(screen, "Kommentare anzeigen") {
		t.Errorf("second c did not hide the footer:\n%s", screen)
	}
}

func TestSearchHighlightsAndStepsThroughMatches(t *testing.T) {
	m := newReader(seedLibrary(t), 80, 24)
	drive(m, press("enter"), press("/"))
	typeText(m, "russland")
	drive(m, press("enter"))
	want := 0
	for _, line := range m.pager.doc.Plain {
		want += strings.Count(model.Fold(line), "russland")
	}
	if want < 2 || len(m.pager.search.matches) != want {
		t.Fatalf("found %d matches, the text has %d", len(m.pager.search.matches), want)
	}
	if !strings.Contains(m.View().Content, fmt.Sprintf("match 1/%d", want)) {
		t.Errorf("status bar does not show match 1/%d", want)
	}
	drive(m, press("N"))
	if !strings.Contains(m.View().Content, fmt.Sprintf("match %d/%d", want, want)) {
		t.Errorf("N from the first match did not wrap to the last")
	}
	last := m.pager.search.matches[want-1].line
	if top := m.pager.vp.YOffset(); last < top || last >= top+m.pager.vp.Height() {
		t.Errorf("the current match (line %d) is off screen (top %d)", last, top)
	}
	drive(m, press("n"), press("n"))
	if !strings.Contains(m.View().Content, fmt.Sprintf("match 2/%d", want)) {
		t.Errorf("n n from the last match should be on match 2")
	}
	drive(m, press("esc"))
	if strings.Contains(m.View().Content, "match ") || m.screen != screenPager {
		t.Errorf("esc should clear the search and stay in the article")
	}
}

func TestSearchWithoutMatchSaysSo(t *testing.T) {
	m := newReader(seedLibrary(t), 80, 24)
	drive(m, press("enter"), press("/"))
	typeText(m, "zebra")
	drive(m, press("enter"))
	if !strings.Contains(ansi.Strip(m.View().Content), "No match for “zebra”") {
		t.Error("a search without match does not say so")
	}
}

func TestResizeKeepsParagraphAtTop(t *testing.T) {
	var paras []string
	for i := range 30 {
		paras = append(paras, fmt.Sprintf("Absatz%02d %s", i, strings.Repeat("Wort ", 40)))
	}
	lib := &model.Library{Name: "long", Articles: []*model.Article{article("long", "Lang", "", "", -1, paras...)}}
	m := newReader(lib, 100, 30)
	drive(m, press("enter"))
	for m.pager.vp.YOffset() < m.pager.doc.Anchors[12] {
		drive(m, press("j"))
	}
	if top := topLine(m); !strings.HasPrefix(top, "Absatz12") {
		t.Fatalf("setup: top line %q", top)
	}
	for _, w := range []int{50, 120, 30, 100} {
		drive(m, tea.WindowSizeMsg{Width: w, Height: 30})
		if top := topLine(m); !strings.HasPrefix(top, "Absatz12") {
			t.Errorf("after resize to %d columns the top line is %q, want paragraph 12", w, top)
		}
	}
}

func topLine(m *Model) string { return strings.TrimSpace(screenLines(m)[0]) }

func TestTextColumnIsAtMostWidthOption(t *testing.T) {
	for _, tc := range []struct{ opt, term, want int }{{0, 120, 80}, {60, 120, 60}, {0, 50, 50}} {
		m := New(seedLibrary(t), Options{Theme: render.ThemeDark, Width: tc.opt})
		drive(m, tea.WindowSizeMsg{Width: tc.term, Height: 30}, press("enter"))
		widest := 0
		for _, l := range m.pager.doc.Plain {
			widest = max(widest, ansi.StringWidth(strings.TrimRight(l, " ")))
		}
		if widest > tc.want || widest < tc.want-15 {
			t.Errorf("--width %d in %d columns: text %d columns wide, want about %d", tc.opt, tc.term, widest, tc.want)
		}
	}
}

func TestTinyTerminalsNeverOverflow(t *testing.T) {
	lib := seedLibrary(t)
	lib.Skipped = []model.Skipped{{Path: "x.bin", Reason: "binary data"}}
	for _, size := range [][2]int{{20, 6}, {1, 1}, {5, 2}, {12, 3}} {
		m := newReader(lib, size[0], size[1])
		check := func(step string) {
			t.Helper()
			lines := screenLines(m)
			if len(lines) > size[1] {
				t.Errorf("%dx%d %s: %d lines", size[0], size[1], step, len(lines))
			}
			for _, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d %s: line %q is %d wide", size[0], size[1], step, l, w)
				}
			}
		}
		check("list")
		drive(m, press("!"))
		check("skipped")
		drive(m, press("q"), press("?"))
		check("help")
		drive(m, press("q"), press("enter"))
		check("pane")
		drive(m, press("c"), press("/"))
		typeText(m, "nato")
		check("search prompt")
		drive(m, press("enter"), press("G"), press("n"))
		check("search")
	}
}

func TestLoadingScreenThenLibrary(t *testing.T) {
	m := New(nil, Options{Theme: render.ThemeDark})
	drive(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(ansi.Strip(m.View().Content), "loading") {
		t.Fatalf("no loading screen:\n%s", m.View().Content)
	}
	drive(m, LoadProgressMsg{Done: 4000, Total: 19043})
	if !strings.Contains(ansi.Strip(m.View().Content), "4000 of 19043 files") {
		t.Errorf("progress not shown:\n%s", ansi.Strip(m.View().Content))
	}
	drive(m, LibraryMsg{Lib: threeArticles()})
	if !strings.Contains(ansi.Strip(m.View().Content), "Wahl in Paris") {
		t.Errorf("list not shown after LibraryMsg")
	}
}

func TestLoadErrorShownOnEmptyScreen(t *testing.T) {
	m := New(nil, Options{Theme: render.ThemeDark})
	drive(m, LibraryMsg{Lib: &model.Library{Name: "nope"}, Err: fmt.Errorf("open /nope: no such file or directory")})
	screen := ansi.Strip(m.View().Content)
	for _, want := range []string{"open /nope: no such file", "kiosk ~/news/"} {
		if !strings.Contains(screen, want) {
			t.Errorf("empty screen lacks %q:\n%s", want, screen)
		}
	}
}

func TestSkippedFilesCountedAndListedSafely(t *testing.T) {
	lib := threeArticles()
	lib.Skipped = []model.Skipped{
		{Path: "bad\x1b[31mred.txt", Reason: "binary data"},
		{Path: "empty.txt", Reason: "no text in it"},
	}
	m := newReader(lib, 80, 24)
	if !strings.Contains(ansi.Strip(m.View().Content), "2 files skipped (! shows why)") {
		t.Errorf("status line does not count skipped files:\n%s", ansi.Strip(m.View().Content))
	}
	drive(m, press("!"))
	raw := m.View().Content
	if strings.Contains(raw, "\x1b[31m") {
		t.Error("a file name's escape sequence reached the screen")
	}
	screen := ansi.Strip(raw)
	for _, want := range []string{"empty.txt: no text in it", "binary data"} {
		if !strings.Contains(screen, want) {
			t.Errorf("skipped screen lacks %q:\n%s", want, screen)
		}
	}
	drive(m, press("q"))
	if m.screen != screenList {
		t.Error("q did not close the skipped-files screen")
	}
}

func TestMouseClickSelectsThenOpens(t *testing.T) {
	m := newReader(threeArticles(), 80, 24)
	top, _ := m.list.itemsArea()
	click := tea.MouseClickMsg{X: 5, Y: top + 3, Button: tea.MouseLeft}
	drive(m, click)
	if m.list.selected() != 1 || m.screen != screenList {
		t.Fatalf("a click on the second row selected %d", m.list.selected())
	}
	drive(m, click)
	if m.screen != screenPager || m.pager.article.ID != "b" {
		t.Errorf("a second click did not open the article")
	}
	drive(m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
}

func TestThemeFollowsTerminalBackground(t *testing.T) {
	m := New(seedLibrary(t), Options{})
	if m.Init() == nil {
		t.Fatal("auto theme does not ask for the background colour")
	}
	drive(m, tea.WindowSizeMsg{Width: 80, Height: 24}, press("enter"))
	if !m.pager.docOpts.Dark {
		t.Fatal("before an answer the reader should assume a dark background")
	}
	drive(m, tea.BackgroundColorMsg{Color: lipgloss.Color("#ffffff")})
	if m.pager.docOpts.Dark || m.com.dark {
		t.Error("a light background did not switch the article to the light style")
	}
	fixed := New(seedLibrary(t), Options{Theme: render.ThemeDark})
	if fixed.Init() != nil {
		t.Error("--theme dark should not query the terminal")
	}
	drive(fixed, tea.BackgroundColorMsg{Color: lipgloss.Color("#ffffff")})
	if !fixed.com.dark {
		t.Error("--theme dark was overridden by the terminal's answer")
	}
}

func TestTwoReadersShareNothingButTheCache(t *testing.T) {
	cache := render.NewCache(8)
	a := New(seedLibrary(t), Options{Theme: render.ThemeDark, Cache: cache})
	b := New(seedLibrary(t), Options{Theme: render.ThemeLight, Cache: cache})
	drive(a, tea.WindowSizeMsg{Width: 100, Height: 30}, press("enter"), press("c"))
	drive(b, tea.WindowSizeMsg{Width: 60, Height: 20}, press("enter"))
	if b.comments || b.pager.docOpts.Width != 60 || b.pager.docOpts.Dark {
		t.Errorf("reader b picked up reader a's state: %+v", b.pager.docOpts)
	}
	if cache.Cached(a.pager.article, a.pager.docOpts) == nil || cache.Cached(b.pager.article, b.pager.docOpts) == nil {
		t.Error("the shared cache does not hold both readers' renderings")
	}
}
