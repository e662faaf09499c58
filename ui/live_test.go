package ui

import (
	"strings"
	"testing"

	"kiosk/model"
	"kiosk/model/modeltest"
	"kiosk/render"
)

// TestReaderFollowsWatchedFolder runs a reader on a real watched folder:
// files added, changed and removed show in the list while the selection
// stays put, and an open article whose file goes stays open, marked gone.
func TestReaderFollowsWatchedFolder(t *testing.T) {
	dir := modeltest.NewFolder(t)
	dir.Write("b.txt", "Beta story\n\nThe second one.\n")
	dir.Write("c.txt", "Gamma story\n\nThe third one.\n")
	lib := dir.Load()
	tm := startReader(t, lib, 80, 24)
	if err := model.Watch(t.Context(), lib, []string{dir.Dir}, func(u model.Update) { tm.Send(LibraryUpdateMsg{Update: u}) }); err != nil {
		t.Fatal(err)
	}
	waitFor(t, tm, "1/2")
	tm.Send(press("j")) // select Gamma

	dir.Write("a.txt", "Alpha story\n\nThe new first one.\n")
	waitFor(t, tm, "1 new")
	dir.Write("b.txt", "Beta story, updated\n\nThe second one, changed.\n")
	waitFor(t, tm, ", updated")

	tm.Send(press("enter")) // opens Gamma: the selection followed it to row 3
	waitFor(t, tm, "The third one")
	dir.Remove("c.txt")
	waitFor(t, tm, "deleted from the library")
	screen := finalScreen(t, tm)
	if !strings.Contains(screen, "The third one") {
		t.Errorf("the open article did not stay open after its file was deleted:\n%s", screen)
	}
}

// TestOpeningAResultAfterTheLibraryShrankDoesNotCrash: results of a search
// made on an older snapshot are dropped when a new one arrives, and a
// result is opened by its article, never by a stale position.
func TestOpeningAResultAfterTheLibraryShrankDoesNotCrash(t *testing.T) {
	lib := madeLibrary(t, searchLibraryFixture(t))
	m := New(lib, Options{Theme: render.ThemeDark})
	drive(m, press("s"))
	m.libSearch.input.SetValue("munchen")
	m.Update(searchResultsMsg{seq: m.libSearch.seq, query: "munchen", results: lib.Search("munchen")})
	m.libSearch.rows.selectRow(1)
	small := &model.Library{Name: lib.Name, Articles: lib.Articles[:1]}
	m.Update(LibraryUpdateMsg{Update: model.Update{Lib: small, Removed: lib.Articles[1:]}})
	drive(m, press("enter"))
	if m.screen == screenPager && m.pager.article != nil && indexOfID(small, m.pager.article.ID) < 0 {
		t.Errorf("opened %q, which is no longer in the library", m.pager.article.ID)
	}
}
