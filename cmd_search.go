package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"kiosk/ui"
)

// noMatchError makes `kiosk search` exit with status 1 when nothing matches,
// as grep does, after its message is printed.
type noMatchError struct{ query string }

func (e *noMatchError) Error() string {
	return fmt.Sprintf("no article matches %q: try fewer or shorter words", e.query)
}

func (c *cli) searchCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search QUERY [PATH...]",
		Short: "Print the articles whose text matches",
		Long: `Print the articles whose title, byline or body contains QUERY, ignoring
case and accents ('munchen' finds 'München'): number, title and a one-line
snippet around the first match, separated by tabs. Exits with status 1 when
nothing matches, as grep does.`,
		Example: `kiosk search nordkorea
kiosk search 'interest rates' ~/news | cut -f1,2
kiosk search nato --json | jq -r '.[].id'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 || strings.TrimSpace(args[0]) == "" {
				return usagef(cmd, "search for what? Give a word or phrase, quoted if it has spaces")
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			lib, err := c.loadLibrary(args[1:])
			if err != nil {
				return err
			}
			results := lib.Search(args[0])
			if asJSON {
				hits := make([]searchHit, len(results))
				for i, r := range results {
					hits[i] = searchHit{articleSummary: summarize(r.Article, r.Index), Snippet: r.Snippet}
				}
				if err := writeJSON(c.stdout, hits); err != nil {
					return err
				}
			} else {
				bw := bufio.NewWriter(c.stdout)
				for _, r := range results {
					fmt.Fprintf(bw, "%d\t%s\t%s\n", r.Index+1, ui.PlainField(r.Article.Title), ui.PlainField(r.Snippet))
				}
				if err := bw.Flush(); err != nil {
					return err
				}
			}
			if len(results) == 0 {
				return &noMatchError{query: args[0]}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, one object per matching article")
	return cmd
}
