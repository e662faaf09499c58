package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kiosk/model"
	"kiosk/render"
	"kiosk/store"
)

// Stored feed items are listed without their bodies (model.Lazy), as the
// news package lists them: the pane renders a body it loads.

// lazyItem is a stored item as the news package lists it: its row, with a
// body of paras loaded when it is opened.
func lazyItem(key, title string, paras ...string) *model.Article {
	row := model.Article{ID: key, Key: key, Source: key, Title: title, Feed: "Beta Daily", Link: "https://beta.example/" + key, Published: feedNow.Add(-time.Hour)}
	return model.Lazy(row, func(_ context.Context, r *model.Article) (*model.Article, error) {
		html := ""
		for _, p := range paras {
			html += "<p>" + p + "</p>"
		}
		return model.ItemArticle(*r, html, nil), nil
	})
}

// numbered is n paragraphs, each a few lines long at 100 columns.
func numbered(n int) []string {
	var paras []string
	for i := range n {
		n := string(rune('A' + i))
		paras = append(paras, "Absatz "+n+". "+strings.Repeat("Ein Satz "+n+" über die Lage. ", 12))
	}
	return paras
}

func lazyReader(lib *model.Library, feeds *Feeds) *Model {
	m := New(lib, Options{Theme: render.ThemeDark, State: store.NewMemoryState(), Feeds: feeds})
	m.com.now = func() time.Time { return feedNow }
	m.com.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	drive(m, tea.WindowSizeMsg{Width: 100, Height: 20})
	return m
}

// scrollInto scrolls the pane until block b of the shown text is at the
// top, and a line into it.
func scrollInto(t *testing.T, m *Model, b int) {
	t.Helper()
	for m.pager.vp.YOffset() < m.pager.doc.Anchors[b]+1 {
		before := m.pager.vp.YOffset()
		pressRun(m, "j")
		if m.pager.vp.YOffset() == before {
			t.Fatalf("the pane does not scroll to block %d", b)
		}
	}
}

// A fetch lists the stored items again, each a new article: the open item,
// scrolled into its text, shows the new version at the same paragraph.
func TestAnOpenStoredItemKeepsItsPlaceWhenAFetchListsItAgain(t *testing.T) {
	paras := numbered(8)
	old := &model.Library{Name: "your feeds", Articles: []*model.Article{lazyItem("item:b1", "Beta first", paras...)}}
	m := lazyReader(old, nil)
	pressRun(m, "enter")
	scrollInto(t, m, 4)
	wantTop := topTextLine(m)

	changed := append([]string{"A paragraph the feed added at the top."}, paras...)
	next := &model.Library{Name: old.Name, Articles: []*model.Article{lazyItem("item:b1", "Beta first", changed...)}}
	_, cmd := m.Update(LibraryUpdateMsg{Update: DiffLibraries(old, next)})
	run(m, cmd)
	settle(m)
	if m.pager.article != next.Articles[0] {
		t.Fatal("the pane does not show the item's new version")
	}
	if got := topTextLine(m); got != wantTop {
		t.Errorf("top line after the fetch = %q, want %q", got, wantTop)
	}
}

// A fetch that did not change the open item lists it again all the same:
// its text is not rendered again, and the view does not move.
func TestAnUnchangedStoredItemIsNotRenderedAgainAfterAFetch(t *testing.T) {
	paras := numbered(8)
	old := &model.Library{Name: "your feeds", Articles: []*model.Article{lazyItem("item:b1", "Beta first", paras...)}}
	m := lazyReader(old, nil)
	pressRun(m, "enter")
	scrollInto(t, m, 4)
	doc, offset := m.pager.doc, m.pager.vp.YOffset()

	next := &model.Library{Name: old.Name, Articles: []*model.Article{lazyItem("item:b1", "Beta first", paras...)}}
	_, cmd := m.Update(LibraryUpdateMsg{Update: DiffLibraries(old, next)})
	run(m, cmd)
	settle(m)
	if m.pager.article != next.Articles[0] {
		t.Fatal("the pane does not follow the library's new article")
	}
	if m.pager.doc != doc {
		t.Error("the unchanged item was rendered again")
	}
	if m.pager.vp.YOffset() != offset {
		t.Errorf("the view moved from line %d to %d", offset, m.pager.vp.YOffset())
	}
}

// t on a stored item, scrolled into its text, shows the other text.
func TestTOnAStoredItemAfterScrollingShowsTheOtherText(t *testing.T) {
	paras := numbered(8)
	item := lazyItem("item:b1", "Beta first", paras...)
	lib := &model.Library{Name: "your feeds", Articles: []*model.Article{item}}
	feeds := &Feeds{
		TextOf: func(context.Context, *model.Article) (ItemText, error) { return TextFull, nil },
		Text: func(ctx context.Context, a *model.Article, full bool) (*model.Article, error) {
			if full {
				return model.ItemArticle(*a, "<p>The page's own words.</p><p>"+strings.Join(paras, "</p><p>")+"</p>", nil), nil
			}
			return a.Load(ctx)
		},
	}
	m := lazyReader(lib, feeds)
	pressRun(m, "enter")
	scrollInto(t, m, 4)
	wantTop := topTextLine(m)
	pressRun(m, "t")
	mustShow(t, m, "feed's text")
	if got := topTextLine(m); got != wantTop {
		t.Errorf("top line after t = %q, want %q", got, wantTop)
	}
}

// The full text of a stored summary arrives after the reader scrolled
// into the summary.
func TestFullTextOfAStoredItemArrivesAfterScrolling(t *testing.T) {
	paras := numbered(8)
	item := lazyItem("item:b1", "Beta first", paras...)
	lib := &model.Library{Name: "your feeds", Articles: []*model.Article{item}}
	feeds := &Feeds{
		TextOf: func(context.Context, *model.Article) (ItemText, error) { return TextSummary, nil },
		Text: func(ctx context.Context, a *model.Article, full bool) (*model.Article, error) {
			return model.ItemArticle(*a, "<p>Fetched from the page.</p><p>"+strings.Join(paras, "</p><p>")+"</p>", nil), nil
		},
	}
	m := lazyReader(lib, feeds)
	_, cmd := m.Update(press("enter"))
	settle(m)
	var text []tea.Msg
	for _, msg := range messagesOf(cmd) {
		if msg, ok := msg.(textOfMsg); ok {
			_, load := m.Update(msg)
			text = messagesOf(load)
		}
	}
	if len(text) != 1 {
		t.Fatalf("opening the summary fetched %d texts, want 1", len(text))
	}
	scrollInto(t, m, 4)
	wantTop := topTextLine(m)
	drive(m, text[0])
	mustShow(t, m, "full text")
	if got := topTextLine(m); got != wantTop {
		t.Errorf("top line once the full text arrived = %q, want %q", got, wantTop)
	}
}
