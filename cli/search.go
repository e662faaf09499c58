package cli

import (
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"kiosk/model"
	"kiosk/render"
)

// noMatchError makes `kiosk search` exit with status 1 when nothing matches,
// as grep does, after its message is printed.
type noMatchError struct{ query string }

func (e *noMatchError) Error() string {
	return fmt.Sprintf("no article matches %q: try fewer or shorter words", e.query)
}

func (c *app) searchCommand() *cobra.Command {
	var asJSON bool
	var dbf dbFlag
	cmd := &cobra.Command{
		Use:   "search QUERY [PATH...]",
		Short: "Print the articles whose text matches",
		Long: `Print the articles that contain every word of QUERY anywhere (title,
byline, dateline, headings, body, comments footer), best matches first:
number, title and a one-line snippet around the rarest query word, separated by
tabs. Case and accents are ignored and words match at their start
('munchen' finds 'München', 'nord' finds 'Nordkorea'); put a phrase in
double quotes to match it as written.

Exits with status 1 when nothing matches, as grep does.`,
		Example: `kiosk search nordkorea
kiosk search 'interest rates' ~/news | cut -f1,2
kiosk search '"interest rates"' ~/news
kiosk search nato --json | jq -r '.[].id'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 || strings.TrimSpace(args[0]) == "" {
				return usagef(cmd, "search for what? Give a word or phrase, quoted if it has spaces")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			lib, done, err := c.loadArgsLibrary(ctx, &dbf, args[1:])
			if err != nil {
				return err
			}
			defer done()
			results, err := lib.Find(ctx, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				hits := make([]searchHit, len(results))
				for i, r := range results {
					snippet, _ := r.Snippet()
					sum, err := summarize(ctx, r.Article, r.Index)
					if err != nil {
						return err
					}
					hits[i] = searchHit{articleSummary: sum, Snippet: snippet}
				}
				if err := writeJSON(c.stdout, hits); err != nil {
					return err
				}
			} else if err := c.writeResults(results); err != nil {
				return err
			}
			if len(results) == 0 {
				return &noMatchError{query: args[0]}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, one object per matching article")
	dbf.register(cmd)
	return cmd
}

// writeResults prints one tab-separated line per result. On a terminal the
// matches in each snippet are highlighted, in reverse video so that they
// show with NO_COLOR too.
func (c *app) writeResults(results []model.Result) error {
	highlight := isTerminal(c.stdout)
	mark := lipgloss.NewStyle().Reverse(true)
	var b strings.Builder
	for _, r := range results {
		text, marks := r.Snippet()
		snippet := render.Field(text)
		if highlight {
			// Article text was sanitised when it was loaded: the only
			// escape sequences here are the highlights.
			snippet = strings.Join(strings.Fields(highlightRanges(text, marks, mark)), " ")
		}
		fmt.Fprintf(&b, "%d\t%s\t%s\n", r.Index+1, render.Field(r.Article.Title), snippet)
	}
	_, err := io.WriteString(colorprofile.NewWriter(c.stdout, c.env), b.String())
	return err
}

// highlightRanges styles the byte ranges of s, which are in order and do
// not overlap.
func highlightRanges(s string, ranges [][2]int, style lipgloss.Style) string {
	var b strings.Builder
	at := 0
	for _, r := range ranges {
		if r[0] < at || r[1] > len(s) || r[0] >= r[1] {
			continue
		}
		b.WriteString(s[at:r[0]])
		b.WriteString(style.Render(s[r[0]:r[1]]))
		at = r[1]
	}
	b.WriteString(s[at:])
	return b.String()
}
