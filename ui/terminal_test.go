package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
	"kiosk/render"
)

func TestKeysTypedWhileLoadingApplyWhenReady(t *testing.T) {
	m := New(nil, Options{Theme: render.ThemeDark})
	drive(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	drive(m, press("j"), press("enter"))
	if m.screen != screenLoading {
		t.Fatalf("the keys acted before the library was there (screen %d)", m.screen)
	}
	drive(m, LibraryMsg{Lib: threeArticles()})
	if m.screen != screenPager || m.pager.article == nil || m.pager.article.ID != "b" {
		t.Fatalf("j and Enter typed while loading did not open the second article: screen %d", m.screen)
	}
	if m.pager.doc == nil {
		t.Error("the article opened by a typed-ahead key is not rendered")
	}
	drive(m, press("q"))
	if m.screen != screenList {
		t.Error("a key after the library came does not reach the reader")
	}
}

func TestQDuringLoadingStillQuitsAtOnce(t *testing.T) {
	m := New(nil, Options{Theme: render.ThemeDark})
	if _, cmd := m.Update(press("q")); cmd == nil || cmd() != tea.Quit() {
		t.Error("q on the loading screen does not quit")
	}
}

func TestReaderLeavesTheWindowTitleAlone(t *testing.T) {
	m := newReader(threeArticles(), 80, 24)
	if title := m.View().WindowTitle; title != "" {
		t.Errorf("the list sets the window title to %q; Bubble Tea clears it on exit", title)
	}
	drive(m, press("enter"))
	if title := m.View().WindowTitle; title != "" {
		t.Errorf("the article pane sets the window title to %q; Bubble Tea clears it on exit", title)
	}
}

func TestSkippedKeySaysWhenNothingWasSkipped(t *testing.T) {
	m := newReader(threeArticles(), 80, 24)
	drive(m, press("!"))
	if m.screen != screenList {
		t.Fatalf("! opened screen %d with nothing skipped", m.screen)
	}
	if screen := ansi.Strip(m.View().Content); !strings.Contains(screen, "No files were skipped.") {
		t.Errorf("! with nothing skipped does not say so:\n%s", screen)
	}
	drive(m, press("j"))
	if screen := ansi.Strip(m.View().Content); strings.Contains(screen, "No files were skipped.") {
		t.Errorf("the note outlives the next key:\n%s", screen)
	}
}

func TestSkippedFileNamesStayOnOneLineEscaped(t *testing.T) {
	lib := threeArticles()
	lib.Skipped = []model.Skipped{{Path: "two\nlines.txt", Reason: "binary data"}, {Path: "evil\x1b]0;X\aname.txt", Reason: "empty"}}
	m := newReader(lib, 80, 24)
	drive(m, press("!"))
	screen := ansi.Strip(m.View().Content)
	for _, want := range []string{`"two\nlines.txt": binary data`, `"evil\x1b]0;X\aname.txt": empty`} {
		if !strings.Contains(screen, want) {
			t.Errorf("the skipped screen does not show %s on one line, escaped:\n%s", want, screen)
		}
	}
	if strings.ContainsAny(m.View().Content, "\a") || strings.Contains(m.View().Content, "\x1b]") {
		t.Error("a control character of a file name reached the screen")
	}
}
