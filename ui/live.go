package ui

import (
	tea "charm.land/bubbletea/v2"

	"kiosk/model"
	"kiosk/render"
)

// LibraryUpdateMsg brings a reader a new snapshot of its library: after
// files were added, changed or removed in a watched folder, after a fetch
// (the stored items listed again, each a new article), or once the whole
// library is listed.
type LibraryUpdateMsg struct{ Update model.Update }

// applyUpdate swaps in the new library without disturbing the reader: the
// list keeps its filter and its selection on the same article, an open
// article stays open (shown as gone if it went, shown in its new version
// at the same paragraph if it is a new article: see replace), and a
// running library search is run again.
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
		case u.Lib.Articles[i] != p.article && !p.text.variant:
			p.index = i
			cmds = append(cmds, p.replace(u.Lib.Articles[i], m.comments))
		default:
			p.index = i
		}
	}
	if f := m.list.feed; f != nil && len(u.Added) > 0 && m.com.feeds != nil && m.com.feeds.Items != nil {
		// The list shows one feed's items: some of the new ones may be its.
		cmds = append(cmds, m.refreshFeedItems(*f))
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
	n.feed, n.feedKeys = l.feed, l.feedKeys
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

// replace shows a new version of the open article. The block at the top of
// the screen is found again by its content in the new version's body once
// its rendering arrives (show), so text inserted above it or appended
// below does not move the view; a new version with the same text is not
// rendered again (renderJob).
func (p *pagerModel) replace(a *model.Article, comments bool) tea.Cmd {
	if p.doc != nil && p.docBody != nil && p.keepBlock < 0 {
		offset := p.vp.YOffset()
		if b := p.doc.BlockAt(offset); b >= 0 && b < len(p.docBody.Blocks) {
			p.keepBlock, p.keepLine = b, offset-p.doc.Anchors[b]
			p.keepText = &p.docBody.Blocks[b]
		}
	}
	p.article = a
	return p.rerender(comments)
}

// sameBlock is the index in next of want, block i of the previous version:
// the nearest block with the same kind and text, or the block at the same
// index when that one was itself changed or deleted; -1 when next has no
// blocks.
func sameBlock(want model.Block, i int, next []model.Block) int {
	for d := 0; d <= max(i, len(next)); d++ {
		for _, j := range []int{i - d, i + d} {
			if j >= 0 && j < len(next) && next[j].Kind == want.Kind && next[j].Text == want.Text {
				return j
			}
		}
	}
	return min(i, len(next)-1)
}

// lineInBlock is the line line of block b in doc, kept within the block.
func lineInBlock(doc *render.Document, b, line int) int {
	start, end := doc.Anchors[b], len(doc.Lines)
	if b+1 < len(doc.Anchors) {
		end = doc.Anchors[b+1]
	}
	return start + min(line, max(0, end-start-1))
}
