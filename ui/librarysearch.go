package ui

import (
	"fmt"
	"strings"

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
	query string
	seq   int
	busy  bool
	rows  rowList
}

// searchResultsMsg carries the results of one library search.
type searchResultsMsg struct {
	seq     int
	query   string
	results []model.Result
}

// resultHeight is a result's lines: title, snippet, gap.
const resultHeight = 3

func newLibrarySearch(com *common) librarySearch {
	in := textinput.New()
	in.Prompt = "search: "
	in.Placeholder = "words in any article; \"quoted phrase\""
	s := librarySearch{com: com, input: in}
	s.fit()
	return s
}

// fit lays the results out between the header and prompt and the two
// bottom lines.
func (s *librarySearch) fit() {
	s.rows.setArea(2, s.com.height-4, resultHeight)
	s.input.SetWidth(max(1, s.com.width-len(s.input.Prompt)-1))
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
		s.rows.setRows(0)
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
	s.rows.setRows(len(msg.results))
}

// selectedID is the ID of the article under the cursor, or "".
func (s *librarySearch) selectedID() string {
	if row := s.rows.selected(); row >= 0 {
		return s.results[row].Article.ID
	}
	return ""
}

// typeQuery passes a key to the prompt and searches again as it changes.
func (s *librarySearch) typeQuery(msg tea.KeyPressMsg) tea.Cmd {
	before := s.input.Value()
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	if s.input.Value() != before {
		return tea.Batch(cmd, s.search())
	}
	return cmd
}

func (s *librarySearch) view() string {
	st := s.com.styles
	w := s.com.width
	lines := []string{
		ansi.Truncate(st.header.Render("kiosk")+st.headerDim.Render(" · search "+plural(len(s.lib.Articles), "article", "articles")), w, "…"),
		s.input.View(),
	}
	start, end := s.rows.shown()
	for row := start; row < end; row++ {
		lines = append(lines, s.resultLines(s.results[row], row == s.rows.cursor)...)
	}
	for len(lines) < s.com.height-2 {
		lines = append(lines, "")
	}
	lines = append(lines[:max(2, s.com.height-2)], st.dim.Render(ansi.Truncate(s.status(), w, "…")))
	lines = append(lines, st.dim.Render(ansi.Truncate(shortHelp(s.com.keys.Search.ShortHelp()), w, "…")))
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
	return fmt.Sprintf("%d/%s for “%s”", s.rows.cursor+1, plural(len(s.results), "result", "results"), model.Sanitize(s.query))
}

// terms are the words of the query, for the article pane to search for.
func (s *librarySearch) terms() []string {
	return strings.Fields(strings.ReplaceAll(s.query, "\"", " "))
}
