package ui

import (
	tea "charm.land/bubbletea/v2"

	"kiosk/model"
)

// linkMsg says whether a link was opened in the browser.
type linkMsg struct {
	url string
	err error
}

// linkOf is the web address of an article, or "".
func linkOf(a *model.Article) string {
	if a == nil {
		return ""
	}
	return a.Link
}

// openLink is o: the article's link in the local browser, or shown in
// the status line where there is none to open it in (over SSH).
func (m *Model) openLink(a *model.Article) tea.Cmd {
	url := model.Sanitize(linkOf(a))
	if url == "" {
		return nil
	}
	open := m.com.openLink
	if open == nil {
		m.notify("Link: " + oneLineText(url))
		return nil
	}
	m.notify("Opening " + oneLineText(url) + " …")
	return func() tea.Msg { return linkMsg{url: url, err: open(url)} }
}

func (m *Model) linkOpened(msg linkMsg) {
	if msg.err != nil {
		m.notify("Could not open the browser: " + errorNote(msg.err) + " · Link: " + oneLineText(msg.url))
		return
	}
	m.notify("Opened in your browser: " + oneLineText(msg.url))
}

func (m *Model) selectedArticle() *model.Article {
	if i := m.list.selected(); i >= 0 {
		return m.lib.Articles[i]
	}
	return nil
}
