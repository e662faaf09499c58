package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"kiosk/model"
	"kiosk/model/state"
)

// stateFlags choose where the reader and `list` keep reading state.
type stateFlags struct {
	path string
	off  bool
}

func (f *stateFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.path, "state", "", "keep read marks, stars and places in this file (default $XDG_STATE_HOME/kiosk/state.json)")
	cmd.Flags().BoolVar(&f.off, "no-state", false, "keep no reading state: nothing is read from or written to disk")
}

func (f *stateFlags) check(cmd *cobra.Command) error {
	if f.off && f.path != "" {
		return usagef(cmd, "--state and --no-state contradict each other: give one")
	}
	return nil
}

// openState opens the reading state the flags ask for. It always returns a
// store: when the file cannot be used, kiosk says so once on standard error
// and keeps state in memory. Close it when done.
func (c *app) openState(f stateFlags) *state.Store {
	if f.off {
		return state.NewMemory()
	}
	path := f.path
	if path == "" {
		var err error
		if path, err = state.DefaultPath(); err != nil {
			fmt.Fprintf(c.stderr, "kiosk: %s\n", oneLine(err.Error()))
			return state.NewMemory()
		}
	}
	st, warnings := state.Open(path)
	for _, w := range warnings {
		fmt.Fprintf(c.stderr, "kiosk: %s\n", oneLine(w.Error()))
	}
	return st
}

// closeState saves what is left to save, and says so if that failed.
func (c *app) closeState(st *state.Store) {
	err := st.Close()
	if _, ok := errors.AsType[state.Warning](err); ok || err == nil {
		if ok {
			fmt.Fprintf(c.stderr, "kiosk: %s\n", oneLine(err.Error()))
		}
		return
	}
	fmt.Fprintf(c.stderr, "kiosk: could not save reading state to %s (%s): the last read marks, stars and places are lost\n",
		oneLine(st.Path()), oneLine(err.Error()))
}

// touchLibrary keeps the state of the library's articles from being pruned.
func touchLibrary(st *state.Store, lib *model.Library) {
	if lib == nil {
		return
	}
	st.Touch(lib.IDs())
}
