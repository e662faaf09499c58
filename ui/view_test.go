package ui

import (
	"testing"
	"unsafe"

	tea "charm.land/bubbletea/v2"

	"kiosk/render"
)

// Bubble Tea compares the screen with the last one it sent at every frame;
// a screen drawn again must come back as the same string, so that the
// comparison is one pointer, not every byte, while a reader sits idle. That
// holds for a screen drawn again after another one in between (j then k
// between two frames).
func TestAScreenDrawnAgainIsHandedBackAsTheSameString(t *testing.T) {
	m := New(seedLibrary(t), Options{Theme: render.ThemeDark})
	drive(m, tea.WindowSizeMsg{Width: 80, Height: 24}, press("enter"), press("j"))
	first := m.View().Content
	drive(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	same(t, "the same window size", first, m.View().Content)

	drive(m, press("j"))
	if m.View().Content == first {
		t.Fatal("scrolling left the screen as it was")
	}
	drive(m, press("k"))
	same(t, "j then k", first, m.View().Content)
}

func same(t *testing.T, after, want, got string) {
	t.Helper()
	if got != want {
		t.Fatalf("after %s the screen changed", after)
	}
	if unsafe.StringData(got) != unsafe.StringData(want) {
		t.Errorf("after %s the screen came back as a new string", after)
	}
}
