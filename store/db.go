package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

// DB is kiosk's database. Its methods are safe for concurrent use, and any
// number of processes may open the same file at once.
type DB struct {
	sql  *sql.DB
	path string
	now  func() time.Time
	// writing holds the one write under way in this process. SQLite lets
	// one writer in at a time anyway; queueing here, rather than on SQLite's
	// lock, spares a connection per waiting writer (opened, and closed when
	// more than the pool keeps are idle: each new one reads the schema
	// again) and the busy handler's sleeps.
	writing chan struct{}
	stmts   statements
	present presence
}

func newDB(conn *sql.DB, path string) *DB {
	return &DB{sql: conn, path: path, now: time.Now, writing: make(chan struct{}, 1)}
}

// busyTimeout is how long a statement waits for another process's write
// before it gives up. Writes hold the lock for milliseconds.
const busyTimeout = 10 * time.Second

// DefaultPath returns where kiosk keeps its database:
// $XDG_DATA_HOME/kiosk/kiosk.db, or ~/.local/share/kiosk/kiosk.db when
// XDG_DATA_HOME is unset or not an absolute path.
func DefaultPath() (string, error) {
	base := os.Getenv("XDG_DATA_HOME")
	if !filepath.IsAbs(base) {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("cannot find a folder for kiosk's database: neither XDG_DATA_HOME nor HOME is set; set one, or choose a file with --db")
		}
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "kiosk", "kiosk.db"), nil
}

// OpenDefault opens the database at DefaultPath, creating its folder (mode
// 0700) when needed.
func OpenDefault(ctx context.Context) (*DB, error) {
	path, err := DefaultPath()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the folder for kiosk's database: %w", err)
	}
	return Open(ctx, path)
}

// Open opens the database at path, creating the file when it does not
// exist, and brings its schema up to date. The folder must exist: a path in
// a missing folder is an error and nothing is created. A database written
// by a newer kiosk is refused, and left untouched.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("no database file given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	if err := checkPath(abs); err != nil {
		return nil, err
	}
	conn, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	db := newDB(conn, abs)
	if err := db.enableWAL(ctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	if err := retryBusy(ctx, func() error { return db.migrate(ctx) }); err != nil {
		conn.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return db, nil
}

// checkPath refuses a database path whose folder is missing or that is no
// regular file, before SQLite creates anything.
func checkPath(path string) error {
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("database %s: the folder %s does not exist; create it first or choose another file", path, dir)
	case err != nil:
		return fmt.Errorf("database %s: %w", path, err)
	case !info.IsDir():
		return fmt.Errorf("database %s: %s is not a folder", path, dir)
	}
	info, err = os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("database %s: %w", path, err)
	case !info.Mode().IsRegular():
		return fmt.Errorf("database %s: not a regular file; choose a file with --db", path)
	}
	return nil
}

// enableWAL puts the file in WAL mode, which lets readers work while
// another process writes; the file keeps the mode for every connection.
func (db *DB) enableWAL(ctx context.Context) error {
	return retryBusy(ctx, func() error {
		var mode string
		return db.sql.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode)
	})
}

// retryBusy runs step again while SQLite answers SQLITE_BUSY, for up to
// busyTimeout. Opening needs it: two processes creating a database at once
// may each find the other switching it to WAL, and a process opening one
// just after another was killed may find it recovering the WAL; SQLite
// reports both at once, without waiting (a read lock cannot wait to become
// a write lock), so busy_timeout does not cover them.
func retryBusy(ctx context.Context, step func() error) error {
	deadline := time.Now().Add(busyTimeout)
	for {
		err := step()
		var e *sqlite.Error
		if !errors.As(err, &e) || e.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// dsn makes the driver's name for path. busy_timeout makes a writer wait
// for another rather than fail; BEGIN IMMEDIATE takes the write lock at the
// start of a transaction, so two writers queue instead of deadlocking
// half-way. synchronous=NORMAL in WAL mode keeps every commit across a
// killed process (only a power cut may lose the last ones).
func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_txlock", "immediate")
	u := url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}
	return u.String()
}

// Path returns the database file's absolute path.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error {
	db.closeStatements()
	return db.sql.Close()
}

// IntegrityCheck runs SQLite's integrity check and returns its complaint,
// or nil when the file is sound.
func (db *DB) IntegrityCheck(ctx context.Context) error {
	var result string
	if err := db.sql.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result); err != nil {
		return err
	}
	if result != "ok" {
		return fmt.Errorf("database %s is damaged: %s", db.path, result)
	}
	return nil
}

// write runs fn in one transaction, committed when fn returns nil.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := db.lockWrites(ctx); err != nil {
		return err
	}
	defer db.unlockWrites()
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// exec runs one statement that writes, in its own transaction.
func (db *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if err := db.lockWrites(ctx); err != nil {
		return nil, err
	}
	defer db.unlockWrites()
	return db.sql.ExecContext(ctx, query, args...)
}

// lockWrites waits for this process's write under way to end, as long as
// SQLite would wait for another process's (busyTimeout), or until ctx is
// done.
func (db *DB) lockWrites(ctx context.Context) error {
	timeout := time.NewTimer(busyTimeout)
	defer timeout.Stop()
	select {
	case db.writing <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-timeout.C:
		return fmt.Errorf("database %s: another write in this process has not ended in %v; try again", db.path, busyTimeout)
	}
}

func (db *DB) unlockWrites() { <-db.writing }

// millis stores a time as Unix milliseconds; the zero time is 0.
func millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// fromMillis reverses millis.
func fromMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}
