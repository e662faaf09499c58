package ui

import (
	"fmt"
	"strings"
	"testing"

	"kiosk/model"
)

// paragraphs is an article of n numbered paragraphs, each a few lines long
// at 60 columns, with extra text before them.
func paragraphs(t *testing.T, before string, n int, after string) *model.Article {
	t.Helper()
	var b strings.Builder
	b.WriteString("A long story\n\n")
	b.WriteString(before)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "Paragraph %d starts here and goes on for long enough to wrap over two lines of the pane (%d).\n\n", i, i)
	}
	b.WriteString(after)
	a, err := model.Parse("story.txt", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// topTextLine is the line of the article at the top of the pane.
func topTextLine(m *Model) string {
	return strings.TrimSpace(m.pager.doc.Plain[m.pager.vp.YOffset()])
}

func TestAChangedArticleKeepsThePlaceByContent(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, after string
	}{
		{"text inserted above", "A new first paragraph, added while the story was open.\n\nAnd a second one, to move everything further.\n\n", ""},
		{"text appended", "", "A paragraph added at the end.\n\nAnd one more.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := paragraphs(t, "", 30, "")
			lib := &model.Library{Name: "live", Articles: []*model.Article{old}}
			m := newReader(lib, 60, 12)
			drive(m, press("enter"))
			for m.pager.vp.YOffset() < m.pager.doc.Anchors[10]+1 {
				drive(m, press("j"))
			}
			wantTop, wantOffset := topTextLine(m), m.pager.vp.YOffset()

			changed := paragraphs(t, tc.before, 30, tc.after)
			changed.ID = old.ID
			drive(m, LibraryUpdateMsg{Update: model.Update{Lib: &model.Library{Name: "live", Articles: []*model.Article{changed}}, Changed: []*model.Article{changed}}})
			if m.pager.article != changed {
				t.Fatal("the pane does not show the new version")
			}
			if got := topTextLine(m); got != wantTop {
				t.Errorf("top line after the change = %q, want %q", got, wantTop)
			}
			if tc.after != "" && m.pager.vp.YOffset() != wantOffset {
				t.Errorf("appending moved the view from line %d to %d", wantOffset, m.pager.vp.YOffset())
			}
		})
	}
}

func TestStatusBarAfterTheOpenArticlesFileIsDeleted(t *testing.T) {
	lib := threeArticles()
	m := newReader(lib, 100, 24)
	drive(m, press("G"), press("enter"))
	if m.pager.article != lib.Articles[2] {
		t.Fatal("did not open the last article")
	}
	rest := &model.Library{Name: lib.Name, Articles: lib.Articles[:2]}
	drive(m, LibraryUpdateMsg{Update: model.Update{Lib: rest, Removed: lib.Articles[2:]}})
	status := screenLines(m)[len(screenLines(m))-1]
	if !strings.Contains(status, "deleted from the library · 2 articles left") || strings.Contains(status, "0/2") {
		t.Errorf("status bar after the open article's file went: %q", status)
	}
}
