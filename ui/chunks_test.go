package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
	"kiosk/model/modeltest"
	"kiosk/render"
)

// nextChunk renders the chunk the pane waits for and hands it over, as the
// command the pane returned would; false when none is under way.
func nextChunk(t testing.TB, m *Model) bool {
	t.Helper()
	ch := m.pager.chunking
	if ch == nil {
		return false
	}
	part, err := ch.chunks.Render(ch.done)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(chunkMsg{gen: ch.gen, index: ch.done, part: part})
	return true
}

// largeReader opens an article of about 300 KB: four chunks.
func largeReader(t *testing.T) (*Model, *model.Article) {
	t.Helper()
	a := modeltest.LongArticle(300 << 10)
	m := newReader(&model.Library{Name: "large", Articles: []*model.Article{a}}, 80, 24)
	m.Update(press("enter"))
	if m.pager.chunking == nil {
		t.Fatal("a 300 KB article is not rendered chunk by chunk")
	}
	return m, a
}

func TestLargeArticleShowsItsFirstScreenBeforeTheRest(t *testing.T) {
	m, a := largeReader(t)
	if !strings.Contains(ansi.Strip(m.View().Content), "Rendering…") {
		t.Fatal("before its first chunk the pane does not say it is rendering")
	}
	nextChunk(t, m)
	screen := ansi.Strip(m.View().Content)
	for _, want := range []string{"A very long report", "Paragraph 1. The council met", "rendering 25%"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the first screen lacks %q:\n%s", want, screen)
		}
	}
	first := len(m.pager.doc.Lines)
	drive(m, press("G"))
	if top := m.pager.vp.YOffset(); top+m.pager.vp.Height() != first {
		t.Errorf("G on the first chunk went to line %d, want its end %d", top, first)
	}
	chunks := 1
	for nextChunk(t, m) {
		chunks++
	}
	if chunks != 4 {
		t.Fatalf("rendered in %d chunks, want 4", chunks)
	}
	whole, err := render.NewCache(1).Document(a, m.pager.want)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.pager.doc.Lines, whole.Lines) || !slices.Equal(m.pager.doc.Anchors, whole.Anchors) {
		t.Error("the article rendered chunk by chunk differs from its rendering at once")
	}
	screen = ansi.Strip(m.View().Content)
	if strings.Contains(screen, "rendering") {
		t.Errorf("the status bar still says rendering once the article is complete:\n%s", screen)
	}
	if !strings.Contains(screen, "Paragraph") {
		t.Errorf("the screen lost the text once the rest arrived:\n%s", screen)
	}
}

func TestLargeArticleSearchFindsMatchesInChunksStillArriving(t *testing.T) {
	m, a := largeReader(t)
	nextChunk(t, m)
	firstLines := len(m.pager.doc.Lines)
	drive(m, press("/"))
	typeText(m, "harbour")
	drive(m, press("enter"))
	early := len(m.pager.search.matches)
	if early == 0 {
		t.Fatal("no match in the first chunk")
	}
	drive(m, press("N")) // wraps to the last match so far
	for nextChunk(t, m) {
	}
	whole, err := render.NewCache(1).Document(a, m.pager.want)
	if err != nil {
		t.Fatal(err)
	}
	var all searchState
	all.find(whole, "harbour", 0)
	if !slices.Equal(m.pager.search.matches, all.matches) {
		t.Fatalf("matches found chunk by chunk (%d) differ from those in the whole article (%d)",
			len(m.pager.search.matches), len(all.matches))
	}
	if m.pager.search.current != early-1 {
		t.Fatalf("the current match moved from %d to %d as chunks arrived", early-1, m.pager.search.current)
	}
	drive(m, press("n"))
	cur := m.pager.search.matches[m.pager.search.current]
	if m.pager.search.current != early || cur.line < firstLines {
		t.Fatalf("n after the first chunk's last match went to match %d (line %d), want %d in the next chunk",
			m.pager.search.current, cur.line, early)
	}
	top := m.pager.vp.YOffset()
	if cur.line < top || cur.line >= top+m.pager.vp.Height() {
		t.Fatalf("the current match (line %d) is off screen (top %d)", cur.line, top)
	}
	row := screenLines(m)[cur.line-top]
	if got := ansi.Cut(row, cur.start, cur.end); !strings.EqualFold(got, "harbour") {
		t.Errorf("the current match's cells hold %q, want harbour", got)
	}
	if raw := strings.Split(m.View().Content, "\n")[cur.line-top]; raw == whole.Lines[cur.line] {
		t.Error("the line with the current match is not highlighted")
	}
}

func TestStaleChunkIsIgnored(t *testing.T) {
	m, _ := largeReader(t)
	old := *m.pager.chunking
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 24})
	part, err := old.chunks.Render(0)
	if err != nil {
		t.Fatal(err)
	}
	m.Update(chunkMsg{gen: old.gen, index: 0, part: part})
	if m.pager.doc != nil {
		t.Fatal("a chunk rendered at the old width was shown after a resize")
	}
	nextChunk(t, m)
	if w := m.pager.docOpts.Width; w != 60 {
		t.Errorf("shown at width %d, want 60", w)
	}
}

func TestLargeArticleResumesAtAPlaceNotRenderedYet(t *testing.T) {
	m, a := largeReader(t)
	whole, err := render.NewCache(1).Document(a, m.pager.want)
	if err != nil {
		t.Fatal(err)
	}
	block := len(a.Blocks) - 5
	drive(m, press("q"))
	m.com.state.SetPosition(a.ID, whole.Position(whole.Anchors[block]))
	m.Update(press("enter"))
	nextChunk(t, m)
	if m.pager.vp.YOffset() != 0 {
		t.Fatalf("the first chunk is shown at line %d, want the top while the saved place renders", m.pager.vp.YOffset())
	}
	for nextChunk(t, m) {
	}
	if top := m.pager.vp.YOffset(); top != whole.Anchors[block] {
		t.Errorf("reopened at line %d, want the saved place at line %d", top, whole.Anchors[block])
	}
}

func TestLargeArticleSearchWithoutMatchYetSaysTheRestIsRendering(t *testing.T) {
	m, _ := largeReader(t)
	nextChunk(t, m)
	drive(m, press("/"))
	typeText(m, "Paragraph 400.")
	drive(m, press("enter"))
	if s := ansi.Strip(m.View().Content); !strings.Contains(s, "No match for “Paragraph 400.” so far") {
		t.Fatalf("no match in the first chunk, and the status bar does not say more is coming:\n%s", s)
	}
	for nextChunk(t, m) {
	}
	drive(m, press("n"))
	if s := ansi.Strip(m.View().Content); !strings.Contains(s, "match 1/1") || !strings.Contains(s, "Paragraph 400.") {
		t.Errorf("n once the article is complete does not go to the match:\n%s", s)
	}
}
