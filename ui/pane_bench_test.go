package ui

import (
	"kiosk/render"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkPaneScrollKey is the reader's share of the key latency: one j or
// k in the article pane, Update and View, as the program runs them.
func BenchmarkPaneScrollKey(b *testing.B) {
	m := New(seedLibrary(b), Options{Theme: render.ThemeDark})
	drive(m, tea.WindowSizeMsg{Width: 100, Height: 30}, press("enter"))
	keys := []tea.KeyPressMsg{press("j"), press("k")}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m.Update(keys[i%2])
		_ = m.View()
		i++
	}
}
