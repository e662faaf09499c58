package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
	"kiosk/render"
)

// keyMode is one mode of the reader, set up so that every key of it can
// act: a long list with the cursor in the middle and a filter in use, an
// article scrolled half way with a search running, and so on.
type keyMode struct {
	name string
	// section is the mode's part of the help screen; "" for the modes that
	// cannot open help (their screens name their keys themselves).
	section string
	// typing modes pass the keys no binding takes to a prompt.
	typing bool
	setup  func(t *testing.T) *Model
}

// keyLibrary has enough long articles, with comments and skipped files,
// for every key to have something to do.
func keyLibrary() *model.Library {
	lib := &model.Library{Name: "keys"}
	var paras []string
	for i := range 12 {
		paras = append(paras, fmt.Sprintf("Absatz %d: %s", i, strings.Repeat("Wort ", 30)))
	}
	for i := range 12 {
		lib.Articles = append(lib.Articles, article(fmt.Sprintf("%02d", i), fmt.Sprintf("Story %d", i), "Anna", "Bonn", 4, paras...))
	}
	for i := range 40 {
		lib.Skipped = append(lib.Skipped, model.Skipped{Path: fmt.Sprintf("bad%02d.bin", i), Reason: "binary data"})
	}
	return lib
}

// keyModes are the modes to walk; their readers share one library and a
// cache, so that each article is rendered once for the whole walk.
func keyModes(cache *render.Cache) []keyMode {
	lib := keyLibrary()
	unskipped := &model.Library{Name: lib.Name, Articles: lib.Articles}
	reader := func(lib *model.Library) *Model {
		m := New(lib, Options{Theme: render.ThemeDark, Cache: cache})
		drive(m, tea.WindowSizeMsg{Width: 80, Height: 24})
		return m
	}
	// sixthRow is a reader of l after keys (names, space-separated) that end
	// with the cursor on the sixth row.
	sixthRow := func(l *model.Library, keys string) *Model {
		m := reader(l)
		for _, k := range strings.Split(keys, " ") {
			drive(m, keyPress(k))
		}
		return m
	}
	plainList := func(*testing.T) *Model { return sixthRow(unskipped, "j j j j j") }
	list := func(*testing.T) *Model { return sixthRow(lib, "/ s t o r y enter j j j j j") }
	plainPane := func(t *testing.T) *Model {
		m := list(t)
		drive(m, press("enter"), press("d"), press("d"))
		return m
	}
	pane := func(t *testing.T) *Model {
		m := plainPane(t)
		drive(m, press("/"))
		typeText(m, "absatz")
		drive(m, press("enter"))
		return m
	}
	feedsReader := func(keys ...string) func(*testing.T) *Model {
		return func(*testing.T) *Model {
			f := newFakeFeeds()
			m := New(f.lib, Options{Theme: render.ThemeDark, Cache: cache, State: f.state, Feeds: f.feeds()})
			m.com.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
			drive(m, tea.WindowSizeMsg{Width: 80, Height: 24})
			for _, k := range keys {
				pressRun(m, k)
			}
			return m
		}
	}
	feedItemPane := func(t *testing.T) *Model {
		m := feedsReader("j", "enter")(t) // Beta first: its feed's text is whole
		drive(m, press("d"))
		return m
	}
	return []keyMode{
		{name: "list of feed items", section: "Article list", setup: feedsReader("j", "j")},
		{name: "feeds view", section: "Feeds (F)", setup: feedsReader("F", "j")},
		{name: "one feed's items", section: "Article list", setup: feedsReader("F", "j", "enter", "j")},
		{name: "pane of a feed item", section: "Article pane", setup: feedItemPane},
		{name: "list, no filter, nothing skipped", section: "Article list", setup: plainList},
		{name: "list, no row matches", section: "Article list", setup: func(t *testing.T) *Model {
			m := list(t)
			drive(m, press("esc"), press("/"))
			typeText(m, "zzz")
			drive(m, press("enter"))
			return m
		}},
		{name: "pane, no search", section: "Article pane", setup: plainPane},
		{name: "library search, no results", typing: true, setup: func(t *testing.T) *Model {
			m := list(t)
			drive(m, press("s"))
			typeText(m, "zzz")
			drive(m, searchResultsMsg{seq: m.libSearch.seq, query: "zzz"})
			return m
		}},
		{name: "loading", setup: func(*testing.T) *Model {
			return reader(nil)
		}},
		{name: "empty library", setup: func(*testing.T) *Model {
			return reader(&model.Library{Name: "empty", Skipped: lib.Skipped})
		}},
		{name: "list", section: "Article list", setup: list},
		{name: "filter prompt", section: "Filtering the list (/)", typing: true, setup: func(t *testing.T) *Model {
			m := list(t)
			drive(m, press("/"))
			return m
		}},
		{name: "pane", section: "Article pane", setup: pane},
		{name: "pane search prompt", section: "Searching the article (/)", typing: true, setup: func(t *testing.T) *Model {
			m := pane(t)
			drive(m, press("/"))
			typeText(m, "wort")
			return m
		}},
		{name: "library search", section: "Search in every article (s)", typing: true, setup: func(t *testing.T) *Model {
			m := list(t)
			drive(m, press("s"))
			typeText(m, "wort")
			drive(m, searchResultsMsg{seq: m.libSearch.seq, query: "wort", results: m.lib.Search("wort")})
			drive(m, press("down"), press("down"))
			return m
		}},
		{name: "help", section: "Help and skipped files", setup: func(t *testing.T) *Model {
			m := list(t)
			drive(m, press("?"), press("j"), press("j"))
			return m
		}},
		{name: "skipped files", section: "Help and skipped files", setup: func(t *testing.T) *Model {
			m := list(t)
			drive(m, press("!"), press("j"), press("j"))
			return m
		}},
	}
}

// enabledBindings are the bindings of m's key maps that are on.
func enabledBindings(m *Model) []*key.Binding {
	var on []*key.Binding
	for _, b := range bindingsOf(&m.com.keys) {
		if b.Enabled() {
			on = append(on, b)
		}
	}
	return on
}

// acts reports whether pressing k changes the reader's screen or starts a
// command.
func acts(m *Model, k string) bool {
	before := m.View()
	_, cmd := m.Update(keyPress(k))
	settle(m)
	after := m.View()
	return cmd != nil || after.Content != before.Content || after.WindowTitle != before.WindowTitle
}

// TestEveryEnabledKeyActsAndEveryOtherKeyDoesNothing walks every mode:
// each key of each enabled binding does something there, and in the modes
// without a prompt, no other key does anything.
func TestEveryEnabledKeyActsAndEveryOtherKeyDoesNothing(t *testing.T) {
	for _, md := range keyModes(render.NewCache(64)) {
		t.Run(md.name, func(t *testing.T) {
			on := enabledBindings(md.setup(t))
			if len(on) < 2 {
				t.Fatalf("only %d bindings enabled", len(on))
			}
			for _, b := range on {
				for _, k := range b.Keys() {
					if !acts(md.setup(t), k) {
						t.Errorf("%s (%s %q) is enabled but does nothing", k, b.Help().Key, b.Help().Desc)
					}
				}
			}
			if md.typing {
				return
			}
			for _, k := range otherKeys() {
				if slices.ContainsFunc(on, func(b *key.Binding) bool { return slices.Contains(b.Keys(), k) }) {
					continue
				}
				if acts(md.setup(t), k) {
					t.Errorf("%s is in no enabled binding but does something", k)
				}
			}
		})
	}
}

// TestHelpListsExactlyTheEnabledKeys: in every mode that can show help,
// its help section lists each enabled binding and nothing else, and
// ctrl+c is under Everywhere.
func TestHelpListsExactlyTheEnabledKeys(t *testing.T) {
	for _, md := range keyModes(render.NewCache(64)) {
		if md.section == "" {
			continue
		}
		t.Run(md.name, func(t *testing.T) {
			m := md.setup(t)
			on := enabledBindings(m)
			sections := helpSections(t, m)
			listed := sections[md.section]
			if len(listed) == 0 {
				t.Fatalf("the help has no section %q: %v", md.section, sections)
			}
			want := map[string]bool{}
			for _, b := range on {
				entry := b.Help().Key + " " + b.Help().Desc
				if b == &m.com.keys.Global.Quit {
					if !slices.Contains(sections["Everywhere"], entry) {
						t.Errorf("%q is not under Everywhere", entry)
					}
					continue
				}
				want[entry] = true
				if !slices.Contains(listed, entry) {
					t.Errorf("%q works here but is not in the help's %q", entry, md.section)
				}
			}
			for _, entry := range listed {
				if !want[entry] {
					t.Errorf("the help's %q lists %q, which does not work here", md.section, entry)
				}
			}
		})
	}
}

// helpSections reads m's help screen, narrow so that the sections stand
// one under another, as section title -> "keys description" lines. From
// the list and the pane it is the screen ? opens; the other modes have no
// ? key, and their help is made as ? would make it there.
func helpSections(t *testing.T, m *Model) map[string][]string {
	t.Helper()
	drive(m, tea.WindowSizeMsg{Width: 40, Height: 24})
	var lines []string
	if md := m.mode(); md == modeList || md == modePane {
		drive(m, press("?"))
		if m.screen != screenHelp {
			t.Fatal("? did not open help")
		}
		lines = strings.Split(m.text.vp.GetContent(), "\n")
	} else {
		on := map[key.Help]bool{}
		for _, b := range enabledBindings(m) {
			on[b.Help()] = true
		}
		lines = helpLines(m.com, md, on, len(m.lib.Skipped) > 0)
	}
	out := map[string][]string{}
	title := ""
	for _, line := range lines {
		line = strings.TrimRight(ansi.Strip(line), " ")
		switch {
		case line == "":
		case !strings.HasPrefix(line, " "):
			title = line
		default:
			out[title] = append(out[title], strings.Join(strings.Fields(line), " "))
		}
	}
	return out
}

func TestEveryKeyOfABindingIsNamedInItsHelp(t *testing.T) {
	m := New(nil, Options{})
	for _, b := range bindingsOf(&m.com.keys) {
		labels := strings.Split(b.Help().Key, "/")
		for _, k := range b.Keys() {
			if k != b.Help().Key && !slices.Contains(labels, keyLabel(k)) {
				t.Errorf("%s works for %q but its help says only %q", k, b.Help().Desc, b.Help().Key)
			}
		}
	}
}

// otherKeys are the keys a reader might press: every printable ASCII
// character and the common special and ctrl keys.
func otherKeys() []string {
	keys := []string{"enter", "esc", "tab", "space", "backspace", "delete", "up", "down", "left", "right", "pgup", "pgdown", "home", "end"}
	for r := '!'; r <= '~'; r++ {
		keys = append(keys, string(r))
	}
	for r := 'a'; r <= 'z'; r++ {
		keys = append(keys, "ctrl+"+string(r))
	}
	return keys
}

// keyPress is the key event a terminal sends for a key's name.
func keyPress(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
		"delete": tea.KeyDelete, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	var msg tea.KeyPressMsg
	switch {
	case name == "space":
		msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case special[name] != 0:
		msg = tea.KeyPressMsg{Code: special[name]}
	case strings.HasPrefix(name, "ctrl+"):
		msg = tea.KeyPressMsg{Code: rune(name[len("ctrl+")]), Mod: tea.ModCtrl}
	default:
		msg = tea.KeyPressMsg{Code: []rune(name)[0], Text: name}
	}
	if msg.String() != name {
		panic(fmt.Sprintf("keyPress(%q) makes %q", name, msg.String()))
	}
	return msg
}
