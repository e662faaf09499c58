package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

// librarySearch is the full-text search over every article: a prompt, and
// the ranked results with a snippet each, updated as the reader types.
// Searches run in commands, so a large library never stalls typing.
type librarySearch struct {
	com     *common
	lib     *model.Library
	input   textinput.Model
	results []model.Result
	// query is the text the results are for; seq numbers the searches, so
	// that results of a query typed over are dropped.
	query  string
	seq    int
	busy   bool
	cursor int
	offset int
}

// searchResultsMsg carries the results of one library search.
type searchResultsMsg struct {
	seq     int
	query   string
	results []model.Result
}

// librarySearchAction is what a key in the search screen asks the reader to do.
type librarySearchAction int

const (
	searchNone librarySearchAction = iota
	searchOpen
	searchClose
	searchQuit
)

func newLibrarySearch(com *common) librarySearch {
	in := textinput.New()
	in.Prompt = "search: "
	in.Placeholder = "words in any article; \"quoted phrase\""
	return librarySearch{com: com, input: in}
}

// start focuses the prompt on lib, keeping the last query and its results.
func (s *librarySearch) start(lib *model.Library) tea.Cmd {
	s.input.Focus()
	if s.lib != lib {
		s.lib = lib
		return s.search()
	}
	return nil
}

// search runs the prompt's query in a command.
func (s *librarySearch) search() tea.Cmd {
	s.seq++
	q := s.input.Value()
	if strings.TrimSpace(q) == "" || s.lib == nil {
		s.query, s.results, s.busy = q, nil, false
		s.cursor, s.offset = 0, 0
		return nil
	}
	s.busy = true
	seq, lib := s.seq, s.lib
	return func() tea.Msg {
		return searchResultsMsg{seq: seq, query: q, results: lib.Search(q)}
	}
}

func (s *librarySearch) gotResults(msg searchResultsMsg) {
	if msg.seq != s.seq {
		return
	}
	s.busy = false
	s.query, s.results = msg.query, msg.results
	s.cursor, s.offset = 0, 0
}

// selectedID is the ID of the article under the cursor, or "".
func (s *librarySearch) selectedID() string {
	if s.cursor < 0 || s.cursor >= len(s.results) {
		return ""
	}
	return s.results[s.cursor].Article.ID
}

func (s *librarySearch) update(msg tea.Msg) (librarySearchAction, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s.updateKey(msg)
	case tea.MouseWheelMsg:
		switch msg.Mouse().Button {
		case tea.MouseWheelDown:
			s.move(1)
		case tea.MouseWheelUp:
			s.move(-1)
		}
	case tea.MouseClickMsg:
		return s.click(msg.Mouse()), nil
	}
	return searchNone, nil
}

func (s *librarySearch) updateKey(msg tea.KeyPressMsg) (librarySearchAction, tea.Cmd) {
	k := s.com.searchKeys
	switch {
	case key.Matches(msg, k.Quit):
		return searchQuit, nil
	case key.Matches(msg, k.Close):
		return searchClose, nil
	case key.Matches(msg, k.Open):
		if s.selectedID() != "" {
			return searchOpen, nil
		}
		return searchNone, nil
	case key.Matches(msg, k.Up):
		s.move(-1)
		return searchNone, nil
	case key.Matches(msg, k.Down):
		s.move(1)
		return searchNone, nil
	case key.Matches(msg, k.PageUp):
		s.move(-s.perPage())
		return searchNone, nil
	case key.Matches(msg, k.PageDown):
		s.move(s.perPage())
		return searchNone, nil
	}
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if s.input.Value() != before {
		return searchNone, tea.Batch(cmd, s.search())
	}
	return searchNone, cmd
}

func (s *librarySearch) move(delta int) {
	if len(s.results) == 0 {
		return
	}
	s.cursor = max(0, min(len(s.results)-1, s.cursor+delta))
	per := s.perPage()
	if s.cursor < s.offset {
		s.offset = s.cursor
	}
	if s.cursor >= s.offset+per {
		s.offset = s.cursor - per + 1
	}
}

// click selects the result under the pointer; a click on the selected one opens it.
func (s *librarySearch) click(m tea.Mouse) librarySearchAction {
	const top = 2 // header and prompt
	if m.Button != tea.MouseLeft || m.Y < top {
		return searchNone
	}
	row := s.offset + (m.Y-top)/resultHeight
	if row >= len(s.results) || row >= s.offset+s.perPage() {
		return searchNone
	}
	if row == s.cursor {
		return searchOpen
	}
	s.cursor = row
	return searchNone
}

// resultHeight is a result's lines: title, snippet, gap.
const resultHeight = 3

// perPage is how many results fit between the prompt and the two bottom lines.
func (s *librarySearch) perPage() int {
	return max(1, (s.com.height-4+1)/resultHeight)
}

func (s *librarySearch) view() string {
	st := s.com.styles
	w := s.com.width
	s.input.SetWidth(max(1, w-len(s.input.Prompt)-1))
	lines := []string{
		ansi.Truncate(st.header.Render("kiosk")+st.headerDim.Render(" · search "+plural(len(s.lib.Articles), "article", "articles")), w, "…"),
		s.input.View(),
	}
	end := min(len(s.results), s.offset+s.perPage())
	for row := s.offset; row < end; row++ {
		lines = append(lines, s.resultLines(s.results[row], row == s.cursor)...)
	}
	for len(lines) < s.com.height-2 {
		lines = append(lines, "")
	}
	lines = append(lines[:max(2, s.com.height-2)], st.dim.Render(ansi.Truncate(s.status(), w, "…")))
	lines = append(lines, st.dim.Render(ansi.Truncate(shortHelp(s.com.searchKeys.ShortHelp()), w, "…")))
	return strings.Join(lines, "\n")
}

func (s *librarySearch) resultLines(r model.Result, selected bool) []string {
	st := s.com.styles
	w := max(0, s.com.width-2)
	title := ansi.Truncate(articleTitle(r.Article), w, "…")
	text, marks := r.Snippet()
	snippet := highlightSnippet(text, marks, w, st)
	if selected {
		bar := st.selectedBar.Render("│ ")
		return []string{bar + st.selectedTitle.Render(title), bar + snippet, ""}
	}
	return []string{"  " + st.title.Render(title), "  " + snippet, ""}
}

// highlightSnippet draws a snippet one line high with its matches marked.
func highlightSnippet(text string, marks [][2]int, width int, st styles) string {
	// White space becomes plain spaces byte for byte, so that the match
	// offsets still hold.
	text = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return ' '
		}
		return r
	}, text)
	var ranges []lipgloss.Range
	for _, m := range marks {
		ranges = append(ranges, lipgloss.NewRange(ansi.StringWidth(text[:min(m[0], len(text))]), ansi.StringWidth(text[:min(m[1], len(text))]), st.match))
	}
	return ansi.Truncate(lipgloss.StyleRanges(st.meta.Render(text), ranges...), width, "…")
}

func (s *librarySearch) status() string {
	switch {
	case s.busy && !s.lib.Indexed():
		return fmt.Sprintf("Indexing %s for search…", plural(len(s.lib.Articles), "article", "articles"))
	case s.busy:
		return "Searching…"
	case strings.TrimSpace(s.query) == "":
		return "Type to search titles, bylines, places, headings, text and comments."
	case len(s.results) == 0:
		return fmt.Sprintf("No article matches “%s”.", model.Sanitize(s.query))
	}
	return fmt.Sprintf("%d/%s for “%s”", s.cursor+1, plural(len(s.results), "result", "results"), model.Sanitize(s.query))
}

// terms are the words of the query, for the article pane to search for.
func (s *librarySearch) terms() []string {
	return strings.Fields(strings.ReplaceAll(s.query, "\"", " "))
}
