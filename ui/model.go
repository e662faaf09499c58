// Package ui is kiosk's full-screen reader: an article list, an article pane
// with search and a comments toggle, help, and the loading and empty
// screens. It does no file or network I/O; each Model is one reader with
// its own state, so a server can run many at once.
package ui

import (
	tea "charm.land/bubbletea/v2"

	"kiosk/model"
	"kiosk/render"
	"kiosk/store"
)

// Options configure a reader.
type Options struct {
	// Theme is "auto" (the default: ask the terminal), "dark" or "light".
	Theme string
	// Width is the widest text column in the article pane; 0 means DefaultWidth.
	Width int
	// Cache holds rendered articles; share one between readers of the same
	// library. nil gives the reader a private cache.
	Cache *render.Cache
	// State keeps read marks, stars and the place in each article; nil
	// keeps them in memory for this reader only.
	State *store.State
}

// LibraryMsg delivers the library to a reader made with a nil library.
// Err is a load error; when Lib is also nil or empty the reader shows it.
type LibraryMsg struct {
	Lib *model.Library
	Err error
}

// LoadProgressMsg reports loading progress for the loading screen.
type LoadProgressMsg struct{ Done, Total int }

type screen int

const (
	screenLoading screen = iota
	screenList
	screenPager
	screenHelp
	screenSkipped
	screenSearch
)

// Model is one reader. Create it with New.
type Model struct {
	com      *common
	lib      *model.Library
	loadErr  error
	progress LoadProgressMsg
	screen   screen
	// back is the screen that help and the skipped-files view return to.
	back  screen
	list  listModel
	pager pagerModel
	// text is the help or skipped-files screen while one is open.
	text textScreen
	// comments is the comments toggle; it holds across articles.
	comments bool
	// libSearch is the search over every article's text.
	libSearch librarySearch
	// pagerFrom is the screen the article pane returns to.
	pagerFrom screen
	// fresh holds the IDs of articles that arrived while the reader ran
	// and have not been opened yet.
	fresh map[string]bool
}

// New returns a reader on lib. With a nil lib it shows a loading screen
// until a LibraryMsg arrives.
func New(lib *model.Library, opts Options) *Model {
	m := &Model{com: newCommon(opts), screen: screenLoading, fresh: map[string]bool{}}
	m.pager = newPagerModel(m.com)
	m.libSearch = newLibrarySearch(m.com)
	m.list = newListModel(m.com, &model.Library{})
	if lib != nil {
		m.setLibrary(lib, nil)
	}
	return m
}

func (m *Model) setLibrary(lib *model.Library, err error) {
	m.lib, m.loadErr = lib, err
	if lib == nil {
		lib = &model.Library{}
	}
	m.list = newListModel(m.com, lib)
	m.screen = screenList
}

// Init asks the terminal for its background colour when the theme is auto.
// The first frame does not wait for the answer: many terminals never give one.
func (m *Model) Init() tea.Cmd {
	if m.com.theme == ThemeAuto {
		return tea.RequestBackgroundColor
	}
	return nil
}

// Update routes a message to the screen that has the keyboard.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.com.width, m.com.height = max(1, msg.Width), max(1, msg.Height)
		m.list.scrollToCursor()
		return m, m.pager.rerender(m.comments)
	case tea.BackgroundColorMsg:
		if m.com.setDark(msg.IsDark()) {
			return m, m.pager.rerender(m.comments)
		}
		return m, nil
	case LoadProgressMsg:
		m.progress = msg
		return m, nil
	case LibraryMsg:
		m.setLibrary(msg.Lib, msg.Err)
		return m, nil
	case renderedMsg:
		m.pager.rendered(msg)
		return m, nil
	case readTimeMsg:
		m.pager.readTimeUp(msg)
		return m, nil
	case searchResultsMsg:
		m.libSearch.gotResults(msg)
		return m, nil
	case LibraryUpdateMsg:
		return m, m.applyUpdate(msg.Update)
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+c" {
			m.pager.leave()
			return m, tea.Quit
		}
	}
	switch m.screen {
	case screenLoading:
		if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "q" {
			return m, tea.Quit
		}
	case screenList:
		return m, m.updateList(msg)
	case screenPager:
		return m, m.updatePager(msg)
	case screenSearch:
		return m, m.updateLibrarySearch(msg)
	case screenHelp, screenSkipped:
		if m.text.update(msg) {
			m.screen = m.back
		}
	}
	return m, nil
}

func (m *Model) updateList(msg tea.Msg) tea.Cmd {
	if m.empty() {
		if k, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case k.String() == "q" || k.String() == "esc":
				return tea.Quit
			case k.String() == "!" && len(m.list.lib.Skipped) > 0:
				m.showText(screenSkipped)
			}
		}
		return nil
	}
	action, cmd := m.list.update(msg)
	switch action {
	case listQuit:
		return tea.Quit
	case listHelp:
		m.showText(screenHelp)
	case listSkipped:
		if len(m.list.lib.Skipped) > 0 {
			m.showText(screenSkipped)
		}
	case listOpen:
		m.pagerFrom = screenList
		return m.openArticle(m.list.selected())
	case listSearch:
		m.screen = screenSearch
		return m.libSearch.start(m.lib)
	}
	return cmd
}

func (m *Model) updateLibrarySearch(msg tea.Msg) tea.Cmd {
	action, cmd := m.libSearch.update(msg)
	switch action {
	case searchQuit:
		return tea.Quit
	case searchClose:
		m.libSearch.input.Blur()
		m.screen = screenList
	case searchOpen:
		// The results may be of an older snapshot of a watched library:
		// find the article in this one.
		i := indexOfID(m.lib, m.libSearch.selectedID())
		if i < 0 {
			return cmd
		}
		m.list.selectArticle(i)
		m.pagerFrom = screenSearch
		m.screen = screenPager
		m.seen(m.lib.Articles[i])
		return m.pager.openSearching(m.lib.Articles[i], i, m.comments, m.libSearch.terms())
	}
	return cmd
}

func (m *Model) updatePager(msg tea.Msg) tea.Cmd {
	action, cmd := m.pager.update(msg)
	switch action {
	case pagerQuit:
		m.pager.leave()
		return tea.Quit
	case pagerBack:
		m.pager.leave()
		m.list.selectArticle(m.pager.index)
		m.screen = m.pagerFrom
	case pagerHelp:
		m.showText(screenHelp)
	case pagerNext, pagerPrev:
		delta := 1
		if action == pagerPrev {
			delta = -1
		}
		if i := m.list.neighbour(m.pager.index, delta); i >= 0 {
			m.list.selectArticle(i)
			return m.openArticle(i)
		}
		if delta > 0 {
			m.pager.note = "This is the last article."
		} else {
			m.pager.note = "This is the first article."
		}
	case pagerNextUnread:
		if i := m.list.nextUnread(m.pager.index); i >= 0 {
			m.list.selectArticle(i)
			return m.openArticle(i)
		}
		m.pager.note = "No other unread article here."
	case pagerToggleComments:
		m.comments = !m.comments
		return m.pager.toggleComments(m.comments)
	}
	return cmd
}

// showText opens the help or skipped-files screen over the current one.
func (m *Model) showText(s screen) {
	lines := skippedLines(m.com, m.list.lib.Skipped)
	if s == screenHelp {
		lines = helpLines(m.com, m.screen == screenPager)
	}
	m.back, m.screen = m.screen, s
	m.text = textScreen{com: m.com, lines: lines}
}

func (m *Model) openArticle(i int) tea.Cmd {
	if i < 0 || i >= len(m.lib.Articles) {
		return nil
	}
	m.screen = screenPager
	m.seen(m.lib.Articles[i])
	return tea.Batch(m.pager.open(m.lib.Articles[i], i, m.comments), m.prefetch(m.list.neighbour(i, 1)))
}

// prefetch renders article i into the cache in the background, so that
// the next article opens at once.
func (m *Model) prefetch(i int) tea.Cmd {
	if i < 0 {
		return nil
	}
	a, o, cache := m.lib.Articles[i], m.pager.want, m.com.cache
	if cache.Cached(a, o) != nil {
		return nil
	}
	return func() tea.Msg {
		_, _ = cache.Document(a, o)
		return nil
	}
}

func (m *Model) empty() bool { return m.lib == nil || len(m.lib.Articles) == 0 }

// View draws the current screen.
func (m *Model) View() tea.View {
	v := tea.NewView(clipLines(m.content(), m.com.width, m.com.height))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "kiosk"
	if m.screen == screenPager && m.pager.article != nil {
		v.WindowTitle = "kiosk · " + articleTitle(m.pager.article)
	}
	return v
}

func (m *Model) content() string {
	switch m.screen {
	case screenLoading:
		return loadingView(m.com, m.progress)
	case screenPager:
		pos, total := m.list.position(m.pager.index)
		return m.pager.view(pos, total)
	case screenHelp, screenSkipped:
		return m.text.view()
	case screenSearch:
		return m.libSearch.view()
	}
	if m.empty() {
		return emptyView(m.com, m.lib, m.loadErr)
	}
	return m.list.view()
}
