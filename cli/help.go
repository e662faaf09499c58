package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// helpWidth is the column help is wrapped at when standard output is not a
// terminal; on a terminal it is the terminal's width, up to this.
const helpWidth = 80

// help writes cmd's help, in fang's layout, wrapped at word boundaries to
// fit the terminal and never padded. fang has no way to be told a width:
// it measures the process's own standard output, caps at 120 columns, pads
// every line of the description to that width and never wraps the command
// and flag lists, so kiosk draws help itself.
func (c *app) help(cmd *cobra.Command, _ []string) {
	width := helpWidth
	if w := terminalWidth(c.stdout); w > 0 {
		width = min(w, helpWidth)
	}
	width = max(width, minWidth)
	out := colorprofile.NewWriter(c.stdout, c.env)
	if !isTerminal(c.stdout) {
		out.Profile = colorprofile.NoTTY
	}
	writeHelp(out, cmd, width)
}

// useOwnHelp makes every command under root print help with c.help, and
// gives root a help command that rejects topics it does not have.
func (c *app) useOwnHelp(root *cobra.Command) {
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [COMMAND]",
		Short: "Help about any command",
		Args:  cobra.ArbitraryArgs,
		ValidArgsFunction: func(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var names []cobra.Completion
			for _, sub := range cmd.Root().Commands() {
				if sub.IsAvailableCommand() && len(args) == 0 {
					names = append(names, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			topic, rest, err := cmd.Root().Find(args)
			if err != nil || len(rest) > 0 {
				var names []string
				for _, sub := range cmd.Root().Commands() {
					if sub.IsAvailableCommand() {
						names = append(names, sub.Name())
					}
				}
				return usagef(cmd.Root(), "unknown help topic %q: the topics are %s", oneLine(strings.Join(args, " ")), strings.Join(names, ", "))
			}
			c.help(topic, nil)
			return nil
		},
	})
	root.InitDefaultHelpCmd()
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		cmd.SetHelpFunc(c.help)
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// asksRootHelp reports whether args ask for the root command's help with
// -h or --help. fang installs its own help on the root as it executes it,
// so Run answers these before handing over to fang.
func asksRootHelp(root *cobra.Command, args []string) bool {
	cmd, rest, err := root.Find(args)
	if err != nil || cmd != root {
		return false
	}
	root.InitDefaultHelpFlag()
	if root.ParseFlags(rest) != nil {
		return false
	}
	asked, _ := root.Flags().GetBool("help")
	return asked
}

type helpStyles struct{ title, name, dim lipgloss.Style }

func newHelpStyles() helpStyles {
	return helpStyles{
		title: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#7D56F4")),
		name:  lipgloss.NewStyle().Foreground(lipgloss.Color("#04B575")),
		dim:   lipgloss.NewStyle().Faint(true),
	}
}

func writeHelp(w io.Writer, cmd *cobra.Command, width int) {
	s := newHelpStyles()
	const indent = "  "
	fmt.Fprintln(w)
	fmt.Fprintln(w, wrapText(cmp(cmd.Long, cmd.Short), width, indent))
	section := func(title string) {
		fmt.Fprintln(w)
		fmt.Fprintln(w, indent+s.title.Render(strings.ToUpper(title)))
		fmt.Fprintln(w)
	}
	section("usage")
	fmt.Fprintln(w, wrapHanging(cmd.UseLine(), width, indent+"  ", indent+"    "))
	if cmd.Example != "" {
		section("examples")
		for line := range strings.SplitSeq(cmd.Example, "\n") {
			if strings.TrimSpace(line) == "" {
				fmt.Fprintln(w)
				continue
			}
			style := lipgloss.NewStyle()
			if strings.HasPrefix(line, "#") {
				style = s.dim
			}
			fmt.Fprintln(w, style.Render(wrapHanging(line, width, indent+"  ", indent+"    ")))
		}
	}
	var cmds [][2]string
	for _, sub := range cmd.Commands() {
		if sub.IsAvailableCommand() || sub.Name() == "help" {
			cmds = append(cmds, [2]string{sub.Name(), sub.Short})
		}
	}
	var flags [][2]string
	cmd.InitDefaultHelpFlag()
	cmd.NonInheritedFlags().VisitAll(func(f *pflag.Flag) { flags = append(flags, flagRow(f)) })
	cmd.InheritedFlags().VisitAll(func(f *pflag.Flag) { flags = append(flags, flagRow(f)) })
	flags = slices.DeleteFunc(flags, func(r [2]string) bool { return r[0] == "" })
	keyWidth := 0
	for _, r := range append(slices.Clone(cmds), flags...) {
		keyWidth = max(keyWidth, ansi.StringWidth(r[0]))
	}
	table := func(title string, rows [][2]string) {
		if len(rows) == 0 {
			return
		}
		section(title)
		for _, r := range rows {
			fmt.Fprintln(w, helpRow(s, r, keyWidth, width, indent+"  "))
		}
	}
	table("commands", cmds)
	table("flags", flags)
	fmt.Fprintln(w)
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// flagRow is a flag's name (with its shorthand and the kind of value it
// takes) and its description, with the default where there is one.
func flagRow(f *pflag.Flag) [2]string {
	if f.Hidden {
		return [2]string{}
	}
	name, usage := pflag.UnquoteUsage(f)
	key := "--" + f.Name
	if f.Shorthand != "" {
		key = "-" + f.Shorthand + ", " + key
	}
	if name != "" {
		key += " " + name
	}
	if d := f.DefValue; d != "" && d != "false" && d != "0" && d != "0s" && d != "[]" && !strings.Contains(usage, "(default") {
		usage += fmt.Sprintf(" (default %s)", d)
	}
	return [2]string{key, upperFirst(usage)}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// helpRow lays out a command or flag: the key in a column of keyWidth, the
// description wrapped beside it; when the two do not fit side by side, the
// description goes under the key.
func helpRow(s helpStyles, r [2]string, keyWidth, width int, indent string) string {
	key := s.name.Render(r[0])
	gap := keyWidth + 2 - ansi.StringWidth(r[0])
	descIndent := strings.Repeat(" ", len(indent)+keyWidth+2)
	if width-len(descIndent) < 30 {
		under := indent + "    "
		return indent + key + "\n" + wrapHanging(r[1], width, under, under)
	}
	desc := wrapHanging(r[1], width, descIndent, descIndent)
	return indent + key + strings.Repeat(" ", gap) + strings.TrimPrefix(desc, descIndent)
}

// wrapText wraps each paragraph of text (blank-line separated; its hard
// line breaks are undone) at width, each line indented.
func wrapText(text string, width int, indent string) string {
	var paras []string
	for p := range strings.SplitSeq(strings.TrimSpace(text), "\n\n") {
		paras = append(paras, wrapHanging(strings.Join(strings.Fields(p), " "), width, indent, indent))
	}
	return strings.Join(paras, "\n\n")
}

// wrapHanging wraps text at spaces to lines of at most width columns: the
// first starts with first, the rest with rest. A word longer than a whole
// line is broken, as nothing else can make it fit.
func wrapHanging(text string, width int, first, rest string) string {
	var b strings.Builder
	line, prefix := "", first
	flush := func() {
		b.WriteString(prefix + line + "\n")
		line, prefix = "", rest
	}
	for word := range strings.FieldsSeq(text) {
		room := max(width-len(prefix), 10)
		switch {
		case line == "":
		case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= room:
			line += " "
		default:
			flush()
			room = max(width-len(prefix), 10)
		}
		for ansi.StringWidth(line+word) > room {
			cut := room - ansi.StringWidth(line)
			line += ansi.Truncate(word, cut, "")
			word = ansi.TruncateLeft(word, cut, "")
			flush()
			room = max(width-len(prefix), 10)
		}
		line += word
	}
	if line != "" || b.Len() == 0 {
		flush()
	}
	return strings.TrimSuffix(b.String(), "\n")
}
