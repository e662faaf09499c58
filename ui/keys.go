package ui

import "charm.land/bubbles/v2/key"

// listKeys are the bindings of the article list.
type listKeys struct {
	Up, Down, Top, Bottom, PageUp, PageDown   key.Binding
	Open, Filter, ClearFilter, Skipped        key.Binding
	Search, Help, Quit                        key.Binding
	ToggleRead, Star, UnreadOnly, StarredOnly key.Binding
}

func newListKeys() listKeys {
	return listKeys{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first")),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "f", "space"), key.WithHelp("pgdn/f", "page down")),
		Open:        key.NewBinding(key.WithKeys("enter", "l", "right"), key.WithHelp("enter/l", "open")),
		Filter:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Skipped:     key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "skipped files")),
		Search:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "search all articles")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:        key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		ToggleRead:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark read/unread")),
		Star:        key.NewBinding(key.WithKeys("*"), key.WithHelp("*", "star/unstar")),
		UnreadOnly:  key.NewBinding(key.WithKeys("U"), key.WithHelp("U", "unread only/all")),
		StarredOnly: key.NewBinding(key.WithKeys("B"), key.WithHelp("B", "starred only/all")),
	}
}

// ShortHelp is the key line under the list.
func (k listKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Filter, k.Help, k.Quit}
}

// FullHelp is the list's part of the help screen.
func (k listKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Filter, k.ClearFilter, k.Search, k.Skipped, k.Help, k.Quit},
		{k.ToggleRead, k.Star, k.UnreadOnly, k.StarredOnly},
	}
}

// pagerKeys are the bindings of the article pane.
type pagerKeys struct {
	Down, Up, PageDown, PageUp, HalfDown, HalfUp, Top, Bottom key.Binding
	Left, Right                                               key.Binding
	Comments, Next, Prev                                      key.Binding
	Search, NextMatch, PrevMatch                              key.Binding
	Back, Help, Quit                                          key.Binding
	ToggleRead, Star, NextUnread                              key.Binding
}

func newPagerKeys() pagerKeys {
	return pagerKeys{
		Down:       key.NewBinding(key.WithKeys("j", "down", "enter"), key.WithHelp("j/↓", "line down")),
		Up:         key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("k/↑", "line up")),
		PageDown:   key.NewBinding(key.WithKeys("space", "f", "pgdown"), key.WithHelp("space/f", "page down")),
		PageUp:     key.NewBinding(key.WithKeys("b", "pgup"), key.WithHelp("b/pgup", "page up")),
		HalfDown:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "half page down")),
		HalfUp:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "half page up")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		Left:       key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "scroll left")),
		Right:      key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "scroll right")),
		Comments:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "comments")),
		Next:       key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next article")),
		Prev:       key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous article")),
		Search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search")),
		NextMatch:  key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch:  key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Back:       key.NewBinding(key.WithKeys("q", "esc", "h", "left"), key.WithHelp("q/esc", "back")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:       key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		ToggleRead: key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "mark read/unread")),
		Star:       key.NewBinding(key.WithKeys("*"), key.WithHelp("*", "star/unstar")),
		NextUnread: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next unread article")),
	}
}

// ShortHelp is the key hint in the pane's status bar.
func (k pagerKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Back, k.Search, k.Comments, k.Next, k.Help}
}

// FullHelp is the pane's part of the help screen.
func (k pagerKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Down, k.Up, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Top, k.Bottom, k.Left, k.Right},
		{k.Comments, k.Next, k.Prev, k.Search, k.NextMatch, k.PrevMatch, k.Back, k.Quit},
		{k.ToggleRead, k.Star, k.NextUnread},
	}
}

// searchKeys are the bindings of the library search; every other key types
// into its prompt.
type searchKeys struct {
	Up, Down, PageUp, PageDown, Open, Close, Quit key.Binding
}

func newSearchKeys() searchKeys {
	return searchKeys{
		Up:       key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑/ctrl+p", "previous result")),
		Down:     key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓/ctrl+n", "next result")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdn", "page down")),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open at the first match")),
		Close:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to the list")),
		Quit:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
	}
}

// ShortHelp is the key line under the search results.
func (k searchKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Open, k.Close}
}

// FullHelp is the search's part of the help screen.
func (k searchKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Open, k.Close}}
}
