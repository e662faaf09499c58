package main

import (
	"github.com/spf13/cobra"

	"kiosk/ui"
)

func (c *cli) listCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list [PATH...]",
		Short: "Print the articles, one per line",
		Long: `Print the articles one per line, numbered from 1 in library order: number,
title, byline and comment count, separated by tabs. An unknown byline or
count is an empty field. The numbers are the ones 'kiosk show' takes.`,
		Example: `kiosk list
kiosk list ~/news | cut -f2
kiosk list --json ~/news | jq '.[] | select(.comments > 5) | .title'`,
		Args: cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, paths []string) error {
			lib, err := c.loadLibrary(paths)
			if err != nil {
				return err
			}
			if !asJSON {
				return ui.WriteList(c.stdout, lib)
			}
			out := make([]articleSummary, len(lib.Articles))
			for i, a := range lib.Articles {
				out[i] = summarize(a, i)
			}
			return writeJSON(c.stdout, out)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, one object per article")
	return cmd
}
