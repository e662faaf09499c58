package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"kiosk/model"
	"kiosk/render"
)

type showFlags struct {
	db       dbFlag
	display  displayFlags
	plain    bool
	comments bool
	asJSON   bool
}

func (c *app) showCommand() *cobra.Command {
	var f showFlags
	cmd := &cobra.Command{
		Use:   "show N|ID [PATH...]",
		Short: "Print one article",
		Long: `Print one article, chosen by its number in 'kiosk list' or by its id.

On a terminal the article is styled as in the reader; piped, or with
--plain, it is plain text wrapped at --width, with no escape sequences.
NO_COLOR turns colours off and keeps bold. The comments footer is left
out unless --comments is given.`,
		Example: `kiosk show 1
kiosk show 2 --comments --theme light ~/news
kiosk show 1 | less
kiosk show 1 --json | jq -r '.blocks[] | select(.kind == "heading") | .text'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef(cmd, "which article? Give its number or id; 'kiosk list' shows them")
			}
			return nil
		},
		ValidArgsFunction: c.completeArticle,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := f.display.check(cmd); err != nil {
				return err
			}
			if f.asJSON && f.plain {
				return usagef(cmd, "--json and --plain cannot be used together: --json prints data, --plain prints text")
			}
			ctx := cmd.Context()
			lib, done, err := c.loadArgsLibrary(ctx, &f.db, args[1:])
			if err != nil {
				return err
			}
			defer done()
			a, i, err := lib.Lookup(args[0])
			if err != nil {
				return fileGivenAsArticle(cmd, err, args)
			}
			if a, err = a.Load(ctx); err != nil {
				return err
			}
			return c.show(cmd, a, i, f)
		},
	}
	f.display.register(cmd)
	f.db.register(cmd)
	cmd.Flags().BoolVarP(&f.plain, "plain", "p", false, "plain text even on a terminal")
	cmd.Flags().BoolVarP(&f.comments, "comments", "c", false, "include the comments footer")
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print the article as JSON: metadata and body blocks")
	return cmd
}

func (c *app) show(cmd *cobra.Command, a *model.Article, i int, f showFlags) error {
	if f.asJSON {
		doc, err := document(cmd.Context(), a, i)
		if err != nil {
			return err
		}
		return writeJSON(c.stdout, doc)
	}
	width := f.display.textWidth(cmd, terminalWidth(c.stdout))
	if f.plain || !isTerminal(c.stdout) {
		return render.WriteArticle(c.stdout, a, width, f.comments)
	}
	// The reader's hint under an article names its key, c; here the flag
	// shows the footer, so the hint is kiosk show's own.
	body, hint := *a, ""
	if !f.comments && a.Comments != nil {
		body.Comments = nil
		hint = lipgloss.NewStyle().Faint(true).MarginLeft(2).Render(render.CommentsHint(a.Comments, "add --comments")) + "\n\n"
	}
	styled, err := render.Article(&body, render.Options{
		Width:    width,
		Dark:     c.darkBackground(f.display.theme),
		Comments: f.comments,
	})
	if err != nil {
		return err
	}
	// The writer downsamples colours to what the terminal and NO_COLOR allow.
	_, err = io.WriteString(colorprofile.NewWriter(c.stdout, c.env), styled+hint)
	return err
}

// fileGivenAsArticle explains a failed lookup when the user named a file
// where show wants an article, as in `kiosk show story.txt`.
func fileGivenAsArticle(cmd *cobra.Command, err error, args []string) error {
	if _, statErr := os.Stat(args[0]); len(args) > 1 || args[0] == stdinPath || statErr != nil {
		return fmt.Errorf("%w; 'kiosk list' shows the numbers and ids", err)
	}
	return usagef(cmd, "%q is a file, not an article number or id: try 'kiosk show 1 %s'", oneLine(args[0]), oneLine(args[0]))
}

// darkBackground resolves a theme: "auto" asks the terminal, which costs a
// round trip and falls back to dark when the terminal does not answer.
func (c *app) darkBackground(theme render.Theme) bool {
	switch theme {
	case render.ThemeDark:
		return true
	case render.ThemeLight:
		return false
	}
	in, inOK := terminal(c.stdin)
	out, outOK := terminal(c.stdout)
	if !inOK || !outOK {
		return true
	}
	return lipgloss.HasDarkBackground(in, out)
}

// completeArticle offers the built-in articles' numbers with their titles.
func (c *app) completeArticle(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveDefault
	}
	lib, err := c.readLibrary(context.Background(), nil, nil, nil)
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for i, a := range lib.Articles {
		out = append(out, cobra.CompletionWithDesc(strconv.Itoa(i+1), render.Field(a.Title)))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}
