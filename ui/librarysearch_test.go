package ui

import (
	"fmt"
	"kiosk/model"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

func searchLibraryFixture(t *testing.T) map[string]string {
	t.Helper()
	return map[string]string{
		"a.txt": "Wetter in Hamburg\n\nEs regnet. In München dagegen scheint die Sonne, sagt der Wetterdienst.\n",
		"b.txt": "München feiert\n\nDas Oktoberfest beginnt. Die Stadt München erwartet Millionen Gäste.\n",
		"c.txt": "Sport am Sonntag\n\nDer Verein gewann zwei zu null.\n",
	}
}

// searchFor opens the library search on the fixture at 80×16, types query
// and waits for status to show.
func searchFor(t *testing.T, query, status string) *teatest.TestModel {
	t.Helper()
	tm := startReader(t, madeLibrary(t, searchLibraryFixture(t)), 80, 16)
	waitFor(t, tm, "1/3")
	tm.Send(press("s"))
	tm.Type(query)
	waitFor(t, tm, status)
	return tm
}

func TestLibrarySearchRanksAndHighlights(t *testing.T) {
	tm := searchFor(t, "munchen", "2 results")
	screen := finalScreen(t, tm)
	title := strings.Index(screen, "München feiert")
	body := strings.Index(screen, "Wetter in Hamburg")
	if title < 0 || body < 0 || title > body {
		t.Errorf("the title match is not ranked above the body match:\n%s", screen)
	}
	if strings.Contains(screen, "Sport am Sonntag") {
		t.Errorf("an article without the word is listed:\n%s", screen)
	}
	golden.RequireEqual(t, screen)
}

func TestLibrarySearchMarksMatchesInSnippets(t *testing.T) {
	tm := searchFor(t, "munchen", "2 results")
	screen := finalAsciiScreen(t, tm)
	if !strings.Contains(screen, "\x1b[7mMünchen") {
		t.Errorf("the matching word is not shown in reverse video:\n%q", screen)
	}
}

func TestLibrarySearchOpensArticleSearchingForTheWords(t *testing.T) {
	tm := searchFor(t, "munchen", "2 results")
	tm.Send(press("enter"))
	waitFor(t, tm, "match 1/2")
	tm.Send(press("n"))
	if screen := finalScreen(t, tm); !strings.Contains(screen, "match 2/2") || !strings.Contains(screen, "München feiert") {
		t.Errorf("n does not step to the second match of the opened result:\n%s", screen)
	}
}

func TestLibrarySearchBackFromArticleReturnsToResults(t *testing.T) {
	tm := searchFor(t, "munchen", "2 results")
	tm.Send(press("enter"))
	waitFor(t, tm, "match 1/2")
	tm.Send(press("q"))
	if screen := finalScreen(t, tm); !strings.Contains(screen, "search: munchen") || !strings.Contains(screen, "1/2 results") {
		t.Errorf("back from the article is not the search results:\n%s", screen)
	}
}

func TestLibrarySearchEscReturnsToList(t *testing.T) {
	tm := searchFor(t, "zzz", "No article matches")
	tm.Send(press("esc"))
	waitFor(t, tm, "/ filter")
	if screen := finalScreen(t, tm); !strings.Contains(screen, "Sport am Sonntag") {
		t.Errorf("esc did not return to the list:\n%s", screen)
	}
}

func TestSnippetHighlightKeepsItsPlaceAfterTabsAndDoubleSpaces(t *testing.T) {
	text := "Some  text\twith a zebra"
	start := strings.Index(text, "zebra")
	out := highlightSnippet(text, [][2]int{{start, start + len("zebra")}}, 80, newStyles(true))
	m := regexp.MustCompile(`\x1b\[[0-9;]*7[0-9;]*m([^\x1b]*)`).FindStringSubmatch(out)
	if m == nil || m[1] != "zebra" {
		t.Errorf("highlighted %q in %q, want zebra", m, out)
	}
}

// searchingReader is a reader at w×h with the library search showing the
// results for query.
func searchingReader(lib *model.Library, query string, w, h int) *Model {
	m := newReader(lib, w, h)
	drive(m, press("s"))
	typeText(m, query)
	drive(m, searchResultsMsg{seq: m.libSearch.seq, query: query, results: lib.Search(query)})
	return m
}

// selectedResult is the title on the row marked as selected.
func selectedResult(m *Model) string {
	for _, line := range screenLines(m) {
		if strings.HasPrefix(line, "│ ") && strings.Contains(line, "Story") {
			return strings.TrimSpace(strings.TrimPrefix(line, "│ "))
		}
	}
	return ""
}

func TestSearchResultsMoveByKeyPageAndWheel(t *testing.T) {
	m := searchingReader(keyLibrary(), "wort", 80, 16) // four results a page
	want := func(step string, row int) {
		t.Helper()
		status := fmt.Sprintf("%d/12 results", row+1)
		title := m.libSearch.results[row].Article.Title
		if screen := strings.Join(screenLines(m), "\n"); !strings.Contains(screen, status) || selectedResult(m) != title {
			t.Errorf("after %s: want %q selected and %s, got %q:\n%s", step, title, status, selectedResult(m), screen)
		}
	}
	want("the search", 0)
	drive(m, press("down"), keyPress("ctrl+n"))
	want("↓ ctrl+n", 2)
	drive(m, keyPress("pgdown"))
	want("pgdn", 6) // off the first page: the results scrolled
	drive(m, keyPress("pgdown"), keyPress("pgdown"), keyPress("pgdown"))
	want("pgdn at the end", 11)
	drive(m, keyPress("pgup"), keyPress("up"), keyPress("ctrl+p"))
	want("pgup ↑ ctrl+p", 5)
	drive(m, tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	want("the wheel down", 6)
	drive(m, tea.MouseWheelMsg{Button: tea.MouseWheelUp}, tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	want("the wheel up twice", 4)
}

func TestSearchResultClickSelectsThenOpens(t *testing.T) {
	m := searchingReader(keyLibrary(), "wort", 80, 16)
	drive(m, keyPress("pgdown"), keyPress("pgdown")) // scrolled: row 8 at the bottom
	first := m.libSearch.rows.offset
	drive(m, tea.MouseClickMsg{X: 10, Y: 1, Button: tea.MouseLeft}) // the prompt
	if m.libSearch.rows.cursor != 8 || m.screen != screenSearch {
		t.Fatal("a click on the prompt moved the selection")
	}
	third := tea.MouseClickMsg{X: 10, Y: 2 + 2*resultHeight + 1, Button: tea.MouseLeft} // its snippet line
	drive(m, third)
	want := m.libSearch.results[first+2].Article
	if m.screen != screenSearch || selectedResult(m) != want.Title {
		t.Fatalf("a click on the third result shown selected %q, want %q", selectedResult(m), want.Title)
	}
	drive(m, tea.MouseClickMsg{X: 10, Y: 2 + 2*resultHeight, Button: tea.MouseRight})
	if m.screen != screenSearch {
		t.Fatal("a right click opened the result")
	}
	drive(m, third)
	if m.screen != screenPager || m.pager.article != want {
		t.Fatalf("a second click on the selected result did not open it")
	}
	if !strings.Contains(strings.Join(screenLines(m), "\n"), "match 1/") {
		t.Error("the result opened without searching for the query's words")
	}
}
