package ui

import (
	"reflect"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keyMaps is every key binding of one reader: a map for each mode. Only
// the maps of the mode the reader is in are enabled (Model.syncKeys), and
// every key goes through them, so a key does what the help screen says in
// that mode and nothing else.
type keyMaps struct {
	Global  globalKeys
	Loading loadingKeys
	Empty   emptyKeys
	List    listKeys
	Filter  filterKeys
	Pane    paneKeys
	Prompt  promptKeys
	Search  searchKeys
	Text    textKeys
	Feeds   feedsKeys
}

// bind makes a binding whose help names every one of its keys, so that
// no key works unlisted.
func bind(desc string, keys ...string) key.Binding {
	labels := make([]string, len(keys))
	for i, k := range keys {
		labels[i] = keyLabel(k)
	}
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(strings.Join(labels, "/"), desc))
}

func keyLabel(k string) string {
	switch k {
	case "up":
		return "↑"
	case "down":
		return "↓"
	case "left":
		return "←"
	case "right":
		return "→"
	case "pgdown":
		return "pgdn"
	}
	return k
}

// globalKeys work in every mode.
type globalKeys struct{ Quit key.Binding }

// loadingKeys work while the library loads.
type loadingKeys struct{ Quit key.Binding }

// emptyKeys work on the screen of a library without articles.
type emptyKeys struct{ Quit, Skipped, Fetch key.Binding }

// navKeys move through rows or lines.
type navKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
}

// listKeys are the bindings of the article list.
type listKeys struct {
	Nav                                       navKeys
	Open, Filter, ClearFilter, Skipped        key.Binding
	Search, Help, Quit                        key.Binding
	ToggleRead, Star, UnreadOnly, StarredOnly key.Binding
	Feeds, BackToFeeds, Fetch, Link           key.Binding
}

// filterKeys work while the list's filter prompt has the keyboard; every
// other key types into it.
type filterKeys struct{ Keep, Drop, Up, Down key.Binding }

// paneKeys are the bindings of the article pane.
type paneKeys struct {
	Nav                          navKeys
	HalfDown, HalfUp             key.Binding
	Left, Right                  key.Binding
	Comments, Next, Prev         key.Binding
	Search, NextMatch, PrevMatch key.Binding
	ClearSearch, Back, Help      key.Binding
	ToggleRead, Star, NextUnread key.Binding
	FullText, Link               key.Binding
}

// promptKeys work while the pane's search prompt has the keyboard; every
// other key types into it.
type promptKeys struct{ Run, Cancel key.Binding }

// searchKeys are the bindings of the library search; every other key types
// into its prompt.
type searchKeys struct {
	Nav         navKeys
	Open, Close key.Binding
}

// feedsKeys are the bindings of the feeds view.
type feedsKeys struct {
	Nav                               navKeys
	Open, MarkRead, Fetch, Back, Help key.Binding
}

// textKeys scroll and close the help and skipped-files screens.
type textKeys struct {
	Nav   navKeys
	Close key.Binding
}

// rowNavKeys move through the rows of the list and of the feeds view.
func rowNavKeys() navKeys {
	return navKeys{
		Up:       bind("up", "up", "k"),
		Down:     bind("down", "down", "j"),
		PageUp:   bind("page up", "pgup", "b"),
		PageDown: bind("page down", "pgdown", "f", "space"),
		Top:      bind("first", "g", "home"),
		Bottom:   bind("last", "G", "end"),
	}
}

func newKeyMaps() keyMaps {
	return keyMaps{
		Global:  globalKeys{Quit: bind("quit", "ctrl+c")},
		Loading: loadingKeys{Quit: bind("quit", "q")},
		Empty:   emptyKeys{Quit: bind("quit", "q", "esc"), Skipped: bind("skipped files", "!"), Fetch: bind("fetch every feed", "r")},
		List: listKeys{
			Nav:         rowNavKeys(),
			Open:        bind("open", "enter", "l", "right"),
			Filter:      bind("filter", "/"),
			ClearFilter: bind("clear filter", "esc"),
			Skipped:     bind("skipped files", "!"),
			Search:      bind("search all articles", "s"),
			Help:        bind("help", "?"),
			Quit:        bind("quit", "q"),
			ToggleRead:  bind("mark read/unread", "m"),
			Star:        bind("star/unstar", "*"),
			UnreadOnly:  bind("unread only/all", "U"),
			StarredOnly: bind("starred only/all", "B"),
			Feeds:       bind("feeds", "F"),
			BackToFeeds: bind("back to the feeds", "q", "esc"),
			Fetch:       bind("fetch every feed", "r"),
			Link:        bind("open the link", "o"),
		},
		Filter: filterKeys{
			Keep: bind("keep the filter", "enter"),
			Drop: bind("drop the filter", "esc"),
			Up:   bind("up", "up", "ctrl+p"),
			Down: bind("down", "down", "ctrl+n"),
		},
		Pane: paneKeys{
			Nav: navKeys{
				Down:     bind("line down", "j", "down", "enter"),
				Up:       bind("line up", "k", "up"),
				PageDown: bind("page down", "space", "f", "pgdown"),
				PageUp:   bind("page up", "b", "pgup"),
				Top:      bind("top", "g", "home"),
				Bottom:   bind("bottom", "G", "end"),
			},
			HalfDown:    bind("half page down", "d"),
			HalfUp:      bind("half page up", "u"),
			Left:        bind("scroll left", "<"),
			Right:       bind("scroll right", ">"),
			Comments:    bind("comments", "c"),
			Next:        bind("next article", "]"),
			Prev:        bind("previous article", "["),
			Search:      bind("search", "/"),
			NextMatch:   bind("next match", "n"),
			PrevMatch:   bind("previous match", "N"),
			ClearSearch: bind("clear the search", "esc"),
			Back:        bind("back", "q", "esc", "h", "left"),
			Help:        bind("help", "?"),
			ToggleRead:  bind("mark read/unread", "m"),
			Star:        bind("star/unstar", "*"),
			NextUnread:  bind("next unread article", "tab"),
			FullText:    bind("full text/feed's text", "t"),
			Link:        bind("open the link", "o"),
		},
		Prompt: promptKeys{Run: bind("search", "enter"), Cancel: bind("cancel", "esc")},
		Search: searchKeys{
			Nav: navKeys{
				Up:       bind("previous result", "up", "ctrl+p"),
				Down:     bind("next result", "down", "ctrl+n"),
				PageUp:   bind("page up", "pgup"),
				PageDown: bind("page down", "pgdown"),
			},
			Open:  bind("open at the first match", "enter"),
			Close: bind("back to the list", "esc"),
		},
		Feeds: feedsKeys{
			Nav:      rowNavKeys(),
			Open:     bind("items", "enter", "l", "right"),
			MarkRead: bind("mark feed read", "A"),
			Fetch:    bind("fetch now", "r"),
			Back:     bind("back", "q", "esc", "h", "left"),
			Help:     bind("help", "?"),
		},
		Text: textKeys{
			Nav: navKeys{
				Down:     bind("down", "j", "down"),
				Up:       bind("up", "k", "up"),
				PageDown: bind("page down", "space", "f", "pgdown"),
				PageUp:   bind("page up", "b", "pgup"),
				Top:      bind("top", "g", "home"),
				Bottom:   bind("bottom", "G", "end"),
			},
			Close: bind("close", "q", "esc"),
		},
	}
}

// ShortHelp is the key line under the list.
func (k listKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Filter, k.Feeds, k.BackToFeeds, k.Help, k.Quit}
}

// FullHelp is the list's part of the help screen.
func (k listKeys) FullHelp() [][]key.Binding {
	n := k.Nav
	return [][]key.Binding{
		{n.Up, n.Down, n.PageUp, n.PageDown, n.Top, n.Bottom},
		{k.Open, k.Filter, k.ClearFilter, k.Search, k.Skipped, k.Help, k.Quit},
		{k.ToggleRead, k.Star, k.UnreadOnly, k.StarredOnly},
		{k.Feeds, k.BackToFeeds, k.Fetch, k.Link},
	}
}

// ShortHelp is the key line under the list while the filter is typed.
func (k filterKeys) ShortHelp() []key.Binding { return []key.Binding{k.Keep, k.Drop, k.Up, k.Down} }

// FullHelp is the filter prompt's part of the help screen.
func (k filterKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ShortHelp is the key hint in the pane's status bar.
func (k paneKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Back, k.Search, k.Comments, k.Next, k.Help}
}

// FullHelp is the pane's part of the help screen.
func (k paneKeys) FullHelp() [][]key.Binding {
	n := k.Nav
	return [][]key.Binding{
		{n.Down, n.Up, n.PageDown, n.PageUp, k.HalfDown, k.HalfUp, n.Top, n.Bottom, k.Left, k.Right},
		{k.Comments, k.Next, k.Prev, k.Search, k.NextMatch, k.PrevMatch, k.ClearSearch, k.Back, k.Help},
		{k.ToggleRead, k.Star, k.NextUnread},
		{k.FullText, k.Link},
	}
}

// ShortHelp is the key hint of the pane's search prompt.
func (k promptKeys) ShortHelp() []key.Binding { return []key.Binding{k.Run, k.Cancel} }

// FullHelp is the search prompt's part of the help screen.
func (k promptKeys) FullHelp() [][]key.Binding { return [][]key.Binding{k.ShortHelp()} }

// ShortHelp is the key line under the search results.
func (k searchKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Close}
}

// FullHelp is the search's part of the help screen.
func (k searchKeys) FullHelp() [][]key.Binding {
	n := k.Nav
	return [][]key.Binding{{n.Up, n.Down, n.PageUp, n.PageDown, k.Open, k.Close}}
}

// ShortHelp is the key line under the feeds.
func (k feedsKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.MarkRead, k.Fetch, k.Back, k.Help}
}

// FullHelp is the feeds view's part of the help screen.
func (k feedsKeys) FullHelp() [][]key.Binding {
	n := k.Nav
	return [][]key.Binding{{n.Up, n.Down, n.PageUp, n.PageDown, n.Top, n.Bottom}, k.ShortHelp()}
}

// ShortHelp is the key hint in the header of a text screen.
func (k textKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Nav.Down, k.Nav.Up, k.Close}
}

// FullHelp is the text screens' part of the help screen.
func (k textKeys) FullHelp() [][]key.Binding {
	n := k.Nav
	return [][]key.Binding{{n.Down, n.Up, n.PageDown, n.PageUp, n.Top, n.Bottom, k.Close}}
}

// bindingsOf lists every binding in a key map (a pointer to one of the
// structs above), nested ones included.
func bindingsOf(keyMap any) []*key.Binding {
	var out []*key.Binding
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		if b, ok := v.Addr().Interface().(*key.Binding); ok {
			out = append(out, b)
			return
		}
		if v.Kind() == reflect.Struct {
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(keyMap).Elem())
	return out
}

// enable turns every binding of a key map on or off.
func enable(keyMap any, on bool) {
	for _, b := range bindingsOf(keyMap) {
		b.SetEnabled(on)
	}
}

// keyAction is what a binding does in its mode.
type keyAction struct {
	binding *key.Binding
	do      func() tea.Cmd
}

// dispatch runs the action of the first enabled binding msg matches; it
// reports whether there was one.
func dispatch(msg tea.KeyPressMsg, actions []keyAction) (tea.Cmd, bool) {
	for _, a := range actions {
		if key.Matches(msg, *a.binding) {
			return a.do(), true
		}
	}
	return nil, false
}

// just makes an action of a step that starts no command.
func just(f func()) func() tea.Cmd {
	return func() tea.Cmd {
		f()
		return nil
	}
}

// navigable is what navKeys move: rows of a list or lines of a viewport.
type navigable interface {
	lineUp()
	lineDown()
	pageUp()
	pageDown()
	goTop()
	goBottom()
}

func (k *navKeys) actions(n navigable) []keyAction {
	return []keyAction{
		{&k.Up, just(n.lineUp)},
		{&k.Down, just(n.lineDown)},
		{&k.PageUp, just(n.pageUp)},
		{&k.PageDown, just(n.pageDown)},
		{&k.Top, just(n.goTop)},
		{&k.Bottom, just(n.goBottom)},
	}
}
