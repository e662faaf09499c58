package ui

import (
	tea "charm.land/bubbletea/v2"

	"kiosk/model"
	"kiosk/render"
)

// LibraryUpdateMsg brings a reader a new snapshot of its library, after
// files were added, changed or removed in a watched folder.
type LibraryUpdateMsg struct{ Update model.Update }

// applyUpdate swaps in the new library without disturbing the reader: the
// list keeps its filter and its selection on the same article, an open
// article stays open (shown as gone if its file went, re-rendered in place
// if it changed), and a running library search is run again.
func (m *Model) applyUpdate(u model.Update) tea.Cmd {
	if m.lib == nil {
		return nil
	}
	m.lib = u.Lib
	for _, a := range u.Added {
		m.fresh[a.ID] = true
	}
	for _, a := range u.Removed {
		delete(m.fresh, a.ID)
	}
	m.list = m.list.rebuilt(u.Lib)
	m.list.fresh = len(m.fresh)

	var cmds []tea.Cmd
	if p := &m.pager; p.article != nil {
		i := indexOfID(u.Lib, p.article.ID)
		switch {
		case i < 0:
			p.gone = true
			p.index = -1
		case u.Lib.Articles[i] != p.article:
			p.index = i
			cmds = append(cmds, p.replace(u.Lib.Articles[i], m.comments))
		default:
			p.index = i
		}
	}
	if m.libSearch.lib != nil {
		m.libSearch.lib = u.Lib
		m.libSearch.results = nil
		m.libSearch.rows.setRows(0)
		cmds = append(cmds, m.libSearch.search())
	}
	return tea.Batch(cmds...)
}

// seen notes that the reader has opened a, so it no longer counts as new.
func (m *Model) seen(a *model.Article) {
	delete(m.fresh, a.ID)
	m.list.fresh = len(m.fresh)
}

// rebuilt is the list for a new snapshot of its library, with the same
// filter and the cursor on the same article where it is still there.
func (l listModel) rebuilt(lib *model.Library) listModel {
	keep := ""
	if i := l.selected(); i >= 0 {
		keep = l.lib.Articles[i].ID
	}
	n := newListModel(l.com, lib)
	n.input, n.filtering, n.only = l.input, l.filtering, l.only
	n.applyFilter(n.input.Value())
	if i := indexOfID(lib, keep); i >= 0 {
		n.selectArticle(i)
	}
	return n
}

func indexOfID(lib *model.Library, id string) int {
	for i, a := range lib.Articles {
		if a.ID == id {
			return i
		}
	}
	return -1
}

// replace shows a new version of the open article, keeping the paragraph
// at the top of the screen where it was.
func (p *pagerModel) replace(a *model.Article, comments bool) tea.Cmd {
	if p.doc != nil && p.keepBlock < 0 {
		p.keepBlock = p.doc.BlockAt(p.vp.YOffset())
	}
	p.article = a
	p.docOpts = render.Options{} // the shown rendering is of the old version
	return p.rerender(comments)
}
