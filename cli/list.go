package cli

import (
	"kiosk/render"

	"github.com/spf13/cobra"
)

func (c *app) listCommand() *cobra.Command {
	var asJSON bool
	var sf stateFlags
	cmd := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "Print the articles, one per line",
		Long: `Print the articles one per line, numbered from 1 in library order: number,
title, byline, comment count, read or unread, and starred (or empty),
separated by tabs. An unknown byline or count is an empty field. The numbers
are the ones 'kiosk show' takes. Read marks and stars are the reader's.`,
		Example: `kiosk list
kiosk list ~/news | cut -f2
kiosk list ~/news | awk -F'\t' '$5 == "unread"' | cut -f1,2
kiosk list --json ~/news | jq '.[] | select(.comments > 5) | .title'`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, paths []string) error {
			if err := sf.check(cmd); err != nil {
				return err
			}
			st, lib, err := c.openStateLibrary(cmd.Context(), paths, sf)
			if err != nil {
				return err
			}
			defer c.closeState(st)
			if !asJSON {
				return render.WriteList(c.stdout, lib, st)
			}
			out := make([]listedArticle, len(lib.Articles))
			for i, a := range lib.Articles {
				e := st.Get(a.Key)
				sum, err := summarize(cmd.Context(), a, i)
				if err != nil {
					return err
				}
				out[i] = listedArticle{articleSummary: sum, Read: e.Read, Starred: e.Starred}
			}
			return writeJSON(c.stdout, out)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, one object per article")
	sf.register(cmd)
	return cmd
}

// listedArticle is one article in `kiosk list --json`: its summary and the
// reader's state of it.
type listedArticle struct {
	articleSummary
	Read    bool `json:"read"`
	Starred bool `json:"starred"`
}
