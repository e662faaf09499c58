package ui

import (
	"regexp"
	"strings"
	"testing"

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
