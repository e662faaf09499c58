package ui

import tea "charm.land/bubbletea/v2"

// applyTypedAhead replays the keys pressed while the library loaded, as if
// they came now. A key that opens an article has it rendered at once, so
// that the keys after it scroll a pane that has its text.
func (m *Model) applyTypedAhead() tea.Cmd {
	keys := m.typedAhead
	m.typedAhead = nil
	// The keys of the list are enabled only once the reader knows it is
	// no longer loading.
	m.sync()
	var cmds []tea.Cmd
	for _, k := range keys {
		_, cmd := m.Update(k)
		cmds = append(cmds, cmd)
		m.pager.renderNow()
	}
	return tea.Batch(cmds...)
}

// renderNow finishes the rendering the pane is waiting for, if any.
func (p *pagerModel) renderNow() {
	if p.article == nil || p.current() {
		return
	}
	p.rendered(p.renderJob().run())
}
