package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"kiosk/model"
	"kiosk/store"
)

// stateFlags choose the database the reader and `list` keep reading state
// in, and an old JSON state file to import into it.
type stateFlags struct {
	db     string
	legacy string
	off    bool
}

func (f *stateFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.db, "db", "", "keep feeds, read marks, stars and places in this database file; its folder must exist (default $XDG_DATA_HOME/kiosk/kiosk.db)")
	cmd.Flags().StringVar(&f.legacy, "state", "", "import an older kiosk's JSON state file into the database, once; the file is left as it is")
	cmd.Flags().BoolVar(&f.off, "no-state", false, "remember nothing: no database is read or written")
}

func (f *stateFlags) check(cmd *cobra.Command) error {
	if f.off && (f.db != "" || f.legacy != "") {
		return usagef(cmd, "--no-state contradicts --db and --state: give one")
	}
	if f.legacy != "" {
		if _, err := os.Stat(f.legacy); errors.Is(err, fs.ErrNotExist) {
			return usagef(cmd, "--state %s: no such file. --state now only imports an older kiosk's state file; reading state is kept in the database (--db PATH)", oneLine(f.legacy))
		}
	}
	return nil
}

// readingState is the local reader's state with the database it lives in.
type readingState struct {
	*store.State
	db *store.DB // nil for a memory-only state
}

// openState opens the reading state the flags ask for, importing the old
// JSON state file (--state, else the one earlier kiosks kept by default)
// the first time. A database named with --db that cannot be opened is an
// error; when the default one cannot be, kiosk says so once on standard
// error and keeps state in memory. Close it when done.
func (c *app) openState(ctx context.Context, f stateFlags) (*readingState, error) {
	if f.off {
		return &readingState{State: store.NewMemoryState()}, nil
	}
	var db *store.DB
	var err error
	if f.db != "" {
		if db, err = store.Open(ctx, f.db); err != nil {
			return nil, err
		}
	} else if db, err = store.OpenDefault(ctx); err != nil {
		c.warn("%s; read marks, stars and places last for this session only", err)
		return &readingState{State: store.NewMemoryState()}, nil
	}
	st, err := db.State(ctx, "")
	if err != nil {
		db.Close()
		return nil, err
	}
	legacy := f.legacy
	if legacy == "" {
		legacy = store.LegacyStatePath()
	}
	if _, err := st.ImportJSON(ctx, legacy); err != nil {
		c.warn("%s", err)
	}
	return &readingState{State: st, db: db}, nil
}

func (c *app) warn(format string, args ...any) {
	fmt.Fprintf(c.stderr, "kiosk: %s\n", oneLine(fmt.Sprintf(format, args...)))
}

// closeState writes what is left to write, and says so if that failed.
func (c *app) closeState(st *readingState) {
	if err := st.Close(); err != nil {
		c.warn("could not save reading state to %s (%s): the last read marks, stars and places are lost", st.Path(), err)
	}
	if st.db != nil {
		st.db.Close()
	}
}

// openStateLibrary opens the reading state as openState does and loads the
// library of paths with it, its articles given the state imported from an
// older kiosk. Close the state with closeState when done.
func (c *app) openStateLibrary(ctx context.Context, paths []string, f stateFlags) (*readingState, *model.Library, error) {
	st, err := c.openState(ctx, f)
	if err != nil {
		return nil, nil, err
	}
	lib, err := c.loadLibrary(ctx, paths, st.db)
	if err != nil {
		c.closeState(st)
		return nil, nil, err
	}
	c.adoptLibrary(ctx, st, lib)
	return st, lib, nil
}

// adoptLibrary gives the library's articles the state imported from an
// older kiosk's state file.
func (c *app) adoptLibrary(ctx context.Context, st *readingState, lib *model.Library) {
	if err := st.Adopt(ctx, lib); err != nil {
		c.warn("%s", err)
	}
}
