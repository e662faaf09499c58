package ui

import (
	"testing"
	"unsafe"

	tea "charm.land/bubbletea/v2"

	"kiosk/render"
)

// Bubble Tea compares the screen with the last one it sent at every frame;
// a screen that has not changed must come back as the same string, so that
// the comparison is one pointer, not every byte, while a reader sits idle.
func TestAnUnchangedScreenIsHandedBackAsTheSameString(t *testing.T) {
	m := New(seedLibrary(t), Options{Theme: render.ThemeDark})
	drive(m, tea.WindowSizeMsg{Width: 80, Height: 24}, press("enter"))
	first := m.View().Content
	drive(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	again := m.View().Content
	if again != first {
		t.Fatal("the same window size changed the screen")
	}
	if unsafe.StringData(again) != unsafe.StringData(first) {
		t.Error("an unchanged screen came back as a new string")
	}
	drive(m, press("j"))
	if m.View().Content == first {
		t.Error("scrolling left the screen as it was")
	}
}
