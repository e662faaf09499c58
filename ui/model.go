// Package ui is kiosk's full-screen reader: an article list, an article pane
// with search and a comments toggle, help, and the loading and empty
// screens. It does no file or network I/O; each Model is one reader with
// its own state, so a server can run many at once.
package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"kiosk/model"
	"kiosk/render"
	"kiosk/store"
)

// Options configure a reader.
type Options struct {
	// Theme picks the colours; "" means render.ThemeAuto, ask the terminal.
	Theme render.Theme
	// Width is the widest text column in the article pane; 0 means DefaultWidth.
	Width int
	// Cache holds rendered articles; share one between readers of the same
	// library. nil gives the reader a private cache.
	Cache *render.Cache
	// State keeps read marks, stars and the place in each article; nil
	// keeps them in memory for this reader only.
	State *store.State
	// Feeds connects the reader to subscribed feeds (F, A, r, t, and a
	// fetch on a schedule); nil for a library of files.
	Feeds *Feeds
	// OpenLink opens an article's link in a browser (o); it must not wait
	// for the browser. nil shows the link instead, as over SSH.
	OpenLink func(url string) error
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
	screenFeeds
)

// Model is one reader. Create it with New.
type Model struct {
	com      *common
	lib      *model.Library
	loadErr  error
	progress LoadProgressMsg
	screen   screen
	// textFrom is the screen that help and the skipped-files view return to.
	textFrom screen
	list     listModel
	pager    pagerModel
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
	// typedAhead holds the keys pressed while the library was loading, to
	// be applied once it is there.
	typedAhead []tea.KeyPressMsg
	// feeds is the feeds view (F); fetch is the fetch under way (r).
	feeds feedsView
	fetch fetchState
	// drawn holds the last few distinct screens View returned, the latest
	// first.
	drawn []string
}

// New returns a reader on lib. With a nil lib it shows a loading screen
// until a LibraryMsg arrives.
func New(lib *model.Library, opts Options) *Model {
	m := &Model{com: newCommon(opts), screen: screenLoading, fresh: map[string]bool{}}
	m.pager = newPagerModel(m.com)
	m.libSearch = newLibrarySearch(m.com)
	m.list = newListModel(m.com, &model.Library{})
	m.text = newTextScreen(m.com, nil)
	m.feeds = feedsView{com: m.com}
	if lib != nil {
		m.setLibrary(lib, nil)
	}
	m.sync()
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
	var cmds []tea.Cmd
	if m.com.theme == render.ThemeAuto {
		// Under kiosk serve the program reads no input and Bubble Tea drops
		// this query; the server asks it instead (server/queries.go).
		cmds = append(cmds, tea.RequestBackgroundColor)
	}
	return tea.Batch(append(cmds, m.scheduleFetch())...)
}

// Update routes a message to the screen that has the keyboard, then brings
// the layout and the enabled keys up to date, so that View only draws.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.sync()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.com.width, m.com.height = max(1, msg.Width), max(1, msg.Height)
		return m.pager.rerender(m.comments)
	case tea.BackgroundColorMsg:
		if m.com.setDark(msg.IsDark()) {
			return m.pager.rerender(m.comments)
		}
	case LoadProgressMsg:
		m.progress = msg
	case LibraryMsg:
		m.setLibrary(msg.Lib, msg.Err)
		return m.applyTypedAhead()
	case renderedMsg:
		m.pager.rendered(msg)
	case chunkMsg:
		return m.pager.gotChunk(msg)
	case readTimeMsg:
		m.pager.readTimeUp(msg)
	case searchResultsMsg:
		m.libSearch.gotResults(msg)
	case LibraryUpdateMsg:
		return m.applyUpdate(msg.Update)
	case feedsListedMsg:
		m.feeds.listed(msg)
	case feedItemsMsg:
		m.feedItems(msg)
	case feedReadMsg:
		return m.feedRead(msg)
	case fetchTickMsg:
		return tea.Batch(m.startFetch(false), m.scheduleFetch())
	case fetchProgressMsg:
		return m.fetchProgress(msg)
	case fetchDoneMsg:
		return m.fetchDone(msg)
	case textOfMsg:
		return m.pager.gotTextOf(msg)
	case textMsg:
		return m.pager.gotText(msg, m.comments)
	case linkMsg:
		m.linkOpened(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.MouseWheelMsg:
		return m.wheel(msg)
	case tea.MouseClickMsg:
		return m.click(msg.Mouse())
	}
	return nil
}

// sync fits every screen to the terminal and enables the keys of the mode
// the reader is in.
func (m *Model) sync() {
	m.list.fit()
	m.libSearch.fit()
	m.pager.fit()
	m.text.fit(m.com)
	m.feeds.fit()
	m.syncKeys()
}

func (m *Model) wheel(msg tea.MouseWheelMsg) tea.Cmd {
	switch m.screen {
	case screenList:
		m.list.rows.wheel(msg)
	case screenSearch:
		m.libSearch.rows.wheel(msg)
	case screenPager:
		return m.pager.wheel(msg)
	case screenHelp, screenSkipped:
		return m.text.wheel(msg)
	case screenFeeds:
		m.feeds.rows.wheel(msg)
	}
	return nil
}

// click selects the row under the pointer; a click on the selected row
// opens it.
func (m *Model) click(mouse tea.Mouse) tea.Cmd {
	switch {
	case m.screen == screenList && !m.empty() && m.list.rows.click(mouse):
		return m.openSelected()
	case m.screen == screenSearch && m.libSearch.rows.click(mouse):
		return m.openResult()
	}
	return nil
}

// openSelected opens the article under the list's cursor.
func (m *Model) openSelected() tea.Cmd {
	m.pagerFrom = screenList
	return m.openArticle(m.list.selected())
}

func (m *Model) startSearch() tea.Cmd {
	m.screen = screenSearch
	return m.libSearch.start(m.lib)
}

func (m *Model) closeSearch() {
	m.libSearch.input.Blur()
	m.screen = screenList
}

// openResult opens the article of the selected search result, searching
// it for the query's words.
func (m *Model) openResult() tea.Cmd {
	// The results may be of an older snapshot of a watched library: find
	// the article in this one.
	i := indexOfID(m.lib, m.libSearch.selectedID())
	if i < 0 {
		return nil
	}
	m.list.selectArticle(i)
	m.pagerFrom = screenSearch
	m.screen = screenPager
	m.seen(m.lib.Articles[i])
	return tea.Batch(m.pager.openSearching(m.lib.Articles[i], i, m.comments, m.libSearch.terms()), m.pager.askTextOf())
}

// back leaves the article for the screen it was opened from, with the
// article selected in the list.
func (m *Model) back() {
	m.pager.leave()
	m.list.selectArticle(m.pager.index)
	m.screen = m.pagerFrom
}

// step opens the article delta rows away in the list, or says there is none.
func (m *Model) step(delta int) tea.Cmd {
	if i := m.list.neighbour(m.pager.index, delta); i >= 0 {
		m.list.selectArticle(i)
		return m.openArticle(i)
	}
	if delta > 0 {
		m.pager.note = "This is the last article."
	} else {
		m.pager.note = "This is the first article."
	}
	return nil
}

func (m *Model) nextUnread() tea.Cmd {
	if i := m.list.nextUnread(m.pager.index); i >= 0 {
		m.list.selectArticle(i)
		return m.openArticle(i)
	}
	m.pager.note = "No other unread article here."
	return nil
}

func (m *Model) toggleComments() tea.Cmd {
	if m.pager.article.Comments == nil {
		m.pager.note = "This article has no comments footer."
		return nil
	}
	m.comments = !m.comments
	return m.pager.toggleComments(m.comments)
}

// quit leaves the reader, saving the place in an open article.
func (m *Model) quit() tea.Cmd {
	m.pager.leave()
	return tea.Quit
}

func (m *Model) showHelp() {
	from, on := m.mode(), map[key.Help]bool{}
	for _, b := range bindingsOf(&m.com.keys) {
		if b.Enabled() {
			on[b.Help()] = true
		}
	}
	m.showText(screenHelp, func() []string {
		return helpLines(m.com, from, on, len(m.list.lib.Skipped) > 0)
	})
}

func (m *Model) showSkipped() {
	if len(m.list.lib.Skipped) == 0 {
		m.list.note = "No files were skipped."
		return
	}
	m.showText(screenSkipped, func() []string { return skippedLines(m.com, m.list.lib.Skipped) })
}

// showText opens the help or skipped-files screen over the current one;
// its lines are made once its keys are on, so that its key hint names them.
func (m *Model) showText(s screen, lines func() []string) {
	m.textFrom, m.screen = m.screen, s
	m.syncKeys()
	m.text = newTextScreen(m.com, lines())
}

func (m *Model) closeText() { m.screen = m.textFrom }

func (m *Model) openArticle(i int) tea.Cmd {
	if i < 0 || i >= len(m.lib.Articles) {
		return nil
	}
	m.screen = screenPager
	m.seen(m.lib.Articles[i])
	return tea.Batch(m.pager.open(m.lib.Articles[i], i, m.comments), m.prefetch(m.list.neighbour(i, 1)), m.pager.askTextOf())
}

// prefetch renders article i into the cache in the background, so that
// the next article opens at once.
func (m *Model) prefetch(i int) tea.Cmd {
	if i < 0 {
		return nil
	}
	a, o, cache := m.lib.Articles[i], m.pager.want, m.com.cache
	if cache.Cached(a, o) != nil || render.Split(a, o).Len() > 1 {
		return nil // a large article renders chunk by chunk once opened
	}
	return func() tea.Msg {
		_, _ = cache.Document(a, o)
		return nil
	}
}

func (m *Model) empty() bool { return m.lib == nil || len(m.lib.Articles) == 0 }

// View draws the current screen.
func (m *Model) View() tea.View {
	v := tea.NewView(m.sameScreen(clipLines(m.content(), m.com.width, m.com.height)))
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	// No window title: Bubble Tea clears a title it set when it exits,
	// which would leave the window nameless, not as the shell had it.
	return v
}

// sameScreen hands back a screen drawn lately as the very string drawn
// then. Bubble Tea compares the screen with the one it last sent at every
// frame, and two equal strings in different memory are compared byte by
// byte, frame after frame, for as long as the reader sits still. Several
// screens are kept because a frame may have sent one that a later View
// (j then k between two frames) drew again.
func (m *Model) sameScreen(screen string) string {
	i := slices.Index(m.drawn, screen)
	if i >= 0 {
		screen = m.drawn[i]
	} else {
		if len(m.drawn) < recentScreens {
			m.drawn = append(m.drawn, "")
		}
		i = len(m.drawn) - 1
	}
	copy(m.drawn[1:i+1], m.drawn[:i])
	m.drawn[0] = screen
	return screen
}

// recentScreens is how many screens sameScreen keeps.
const recentScreens = 3

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
	case screenFeeds:
		return m.feeds.view()
	}
	if m.empty() {
		return emptyView(m.com, m.lib, m.loadErr, m.fetch.running)
	}
	return m.list.view()
}
