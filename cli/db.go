package cli

import (
	"context"
	"errors"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"kiosk/store"
)

// dbFlag chooses the database of commands that read the library or the
// subscriptions but keep no reading state of their own.
type dbFlag struct{ path string }

const dbUsage = "the database of feeds and items; its folder must exist (default $XDG_DATA_HOME/kiosk/kiosk.db)"

func (f *dbFlag) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.path, "db", "", dbUsage)
}

// registerPersistent gives --db to cmd and its subcommands.
func (f *dbFlag) registerPersistent(cmd *cobra.Command) {
	cmd.PersistentFlags().StringVar(&f.path, "db", "", dbUsage)
}

// openExisting opens the database for reading the library: the one --db
// names, else the default one if there is one yet. It returns nil, and no
// error, when there is none: the library is then the built-in articles.
func (f *dbFlag) openExisting(ctx context.Context) (*store.DB, error) {
	if f.path != "" {
		return store.Open(ctx, f.path)
	}
	path, err := store.DefaultPath()
	if err != nil {
		return nil, nil
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return store.Open(ctx, path)
}

// open opens the database for changing subscriptions: the one --db
// names, else the default one, created when missing.
func (f *dbFlag) open(ctx context.Context) (*store.DB, error) {
	if f.path != "" {
		return store.Open(ctx, f.path)
	}
	return store.OpenDefault(ctx)
}

// openFeeds opens the database as open does and reads its subscriptions.
// The caller closes the database.
func (f *dbFlag) openFeeds(ctx context.Context) (*store.DB, []store.Feed, error) {
	db, err := f.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	feeds, err := db.Feeds(ctx, "")
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, feeds, nil
}

// closeDB closes db when there is one.
func closeDB(db *store.DB) {
	if db != nil {
		db.Close()
	}
}
