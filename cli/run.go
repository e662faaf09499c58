package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"kiosk/model"
)

// Exit statuses, as documented in the README.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// app is one invocation of kiosk: its standard streams, environment and
// global flags. Nothing is package-level, so tests run kiosk in-process.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	env    []string
	quiet  bool
}

// Run executes kiosk with args (without the program name) and returns the
// process exit status.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, env []string) int {
	c := &app{stdin: stdin, stdout: stdout, stderr: stderr, env: env}
	root := c.rootCommand()
	root.SetArgs(args)
	if asksRootHelp(root, args) {
		c.help(root, nil)
		return exitOK
	}
	info, _ := debug.ReadBuildInfo()
	err := fang.Execute(ctx, root,
		fang.WithVersion(versionString(info)),
		fang.WithErrorHandler(c.printError),
	)
	if sigErr, ok := errors.AsType[*signalError](err); ok {
		return sigErr.exitStatus()
	}
	switch {
	case err == nil:
		return exitOK
	case isUsageError(err):
		return exitUsage
	default:
		return exitError
	}
}

// usageError is a mistake in how kiosk was called, as opposed to a failure
// while doing what was asked. It exits with status 2.
type usageError struct {
	cmd string // the command path, for the "try --help" hint
	err error
}

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(cmd *cobra.Command, format string, args ...any) error {
	return &usageError{cmd: cmd.CommandPath(), err: fmt.Errorf(format, args...)}
}

// isUsageError reports whether err is a usageError or one of the usage
// errors that cobra's own commands (completion, man, help) return without a
// type to check, known by how their messages start.
func isUsageError(err error) bool {
	if _, ok := errors.AsType[*usageError](err); ok {
		return true
	}
	for _, p := range []string{
		"accepts ", "requires at least ", "requires at most ", "unknown command ",
		"invalid argument ", "unknown flag", "unknown shorthand flag", "flag needs an argument",
	} {
		if strings.HasPrefix(err.Error(), p) {
			return true
		}
	}
	return false
}

// printError reports err on standard error: styled as fang does when
// standard error is a terminal, one plain "kiosk: ..." line otherwise so
// that logs and scripts get something they can grep.
func (c *app) printError(w io.Writer, styles fang.Styles, err error) {
	if _, ok := errors.AsType[*signalError](err); ok {
		return
	}
	// Messages name files, whose names may hold anything.
	msg := model.Sanitize(err.Error())
	hint := ""
	if isUsageError(err) {
		cmd := "kiosk"
		if ue, ok := errors.AsType[*usageError](err); ok {
			cmd = ue.cmd
		}
		hint = fmt.Sprintf("Try '%s --help' for usage.", cmd)
	}
	if !isTerminal(c.stderr) {
		fmt.Fprintf(w, "kiosk: %s\n", msg)
		if hint != "" {
			fmt.Fprintln(w, hint)
		}
		return
	}
	fmt.Fprintln(w, styles.ErrorHeader.String())
	fmt.Fprintln(w, styles.ErrorText.Render(strings.TrimSuffix(msg, ".")+"."))
	fmt.Fprintln(w)
	if hint != "" {
		fmt.Fprintln(w, lipgloss.NewStyle().MarginLeft(2).Render(hint))
		fmt.Fprintln(w)
	}
}
