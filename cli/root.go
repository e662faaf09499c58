package cli

import (
	"kiosk/render"

	"github.com/spf13/cobra"
)

// minWidth keeps a text column that can still hold a word or two.
const minWidth = 20

// displayFlags are the flags of the commands that show articles.
type displayFlags struct {
	width     int
	themeName string
	// theme is themeName parsed, by check.
	theme render.Theme
}

func (d *displayFlags) register(cmd *cobra.Command) {
	cmd.Flags().IntVarP(&d.width, "width", "w", render.DefaultWidth, "widest text column, in terminal columns")
	cmd.Flags().StringVarP(&d.themeName, "theme", "t", string(render.ThemeAuto), "colours for a dark or light terminal: auto, dark or light")
	_ = cmd.RegisterFlagCompletionFunc("theme", cobra.FixedCompletions(render.Themes(), cobra.ShellCompDirectiveNoFileComp))
}

// check rejects values no command can use, as a usage error.
func (d *displayFlags) check(cmd *cobra.Command) error {
	if d.width < minWidth {
		return usagef(cmd, "--width %d is too narrow: give at least %d columns", d.width, minWidth)
	}
	theme, err := render.ParseTheme(d.themeName)
	if err != nil {
		return usagef(cmd, "--theme %v", err)
	}
	d.theme = theme
	return nil
}

// textWidth is the column to wrap at: --width, narrowed to fit a terminal
// unless the user asked for a width.
func (d *displayFlags) textWidth(cmd *cobra.Command, terminalColumns int) int {
	if cmd.Flags().Changed("width") || terminalColumns <= 0 {
		return d.width
	}
	return max(min(d.width, terminalColumns), minWidth)
}

func (c *app) rootCommand() *cobra.Command {
	var display displayFlags
	var sf stateFlags
	root := &cobra.Command{
		Use:   "kiosk [PATH...]",
		Short: "Read the news in your terminal",
		Long: `kiosk reads news articles (plain-text, markdown and HTML files, and the
items of feeds) in a full-screen reader. With no PATH it opens your library:
the items of the feeds you subscribe to ('kiosk feeds', 'kiosk fetch'), or
the articles built into it while you subscribe to none. Given files or
folders (read recursively) it opens those. A PATH may also be a feed file or
the http(s) address of a feed or a web page, read once without subscribing.
A PATH of '-' reads one article from standard input.

When standard output is not a terminal, kiosk prints the list of articles
instead, as 'kiosk list' does. NO_COLOR turns colours off.

Exit status: 0 on success; 1 when something failed (nothing could be loaded,
no such article, no match); 2 when kiosk was called the wrong way; 129, 130
or 143 when the reader was ended by SIGHUP, SIGINT or SIGTERM.

Ctrl+Z suspends the reader; fg brings it back.`,
		Example: `# Read the built-in articles
kiosk

# Read a folder of articles with a light theme
kiosk --theme light ~/news

# Subscribe, fetch, read
kiosk feeds import subs.opml && kiosk fetch && kiosk

# Read a web page or a feed once
kiosk https://example.com/story

# Read an article piped in
curl -s https://example.com/story.txt | kiosk -

# Script it: list, show and search
kiosk list ~/news | head
kiosk show 3 ~/news | less
kiosk search nordkorea --json | jq -r '.[].title'`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, paths []string) error {
			if err := display.check(cmd); err != nil {
				return err
			}
			if err := sf.check(cmd); err != nil {
				return err
			}
			return c.runReader(cmd, paths, display, sf)
		},
	}
	root.SetIn(c.stdin)
	root.SetOut(c.stdout)
	root.SetErr(c.stderr)
	display.register(root)
	sf.register(root)
	root.Flags().Bool("no-watch", false, "don't follow changes to the folders and files read")
	root.PersistentFlags().BoolVarP(&c.quiet, "quiet", "q", false, "don't warn about files that were skipped")
	root.SetFlagErrorFunc(flagError)
	root.SuggestionsMinimumDistance = 2
	root.AddCommand(c.listCommand(), c.showCommand(), c.searchCommand(), c.serveCommand(), c.feedsCommand(), c.fetchCommand())
	rejectUnknownShells(root)
	c.useOwnHelp(root)
	return root
}

// rejectUnknownShells makes `kiosk completion tcsh` a usage error; cobra
// would print the completion help and succeed. Cobra's completion commands
// keep the output writer they see here, so the root's must be set first.
func rejectUnknownShells(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, cmd := range root.Commands() {
		if cmd.Name() != "completion" {
			continue
		}
		cmd.Args = cobra.ArbitraryArgs
		cmd.RunE = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef(cmd, "kiosk has no completions for %q: choose bash, zsh, fish or powershell", args[0])
			}
			return cmd.Help()
		}
	}
}
