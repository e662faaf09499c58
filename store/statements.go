package store

import (
	"context"
	"database/sql"
	"sync"
)

// statements are the queries every save and every reader's session runs,
// each prepared once and kept: database/sql then prepares it once per
// connection, where SQLite would otherwise parse the query again on every
// call (under load a third of the reading state's CPU went to parsing).
type statements struct {
	mu       sync.Mutex
	prepared map[string]*sql.Stmt
}

// stmt is query, prepared. The first use prepares it under the lock, so
// that readers saving at once for the first time do not each open a
// connection to prepare it. After Close it fails, as database/sql does.
func (db *DB) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	if st, ok := db.stmts.prepared[query]; ok {
		return st, nil
	}
	st, err := db.sql.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if db.stmts.prepared == nil {
		db.stmts.prepared = map[string]*sql.Stmt{}
	}
	db.stmts.prepared[query] = st
	return st, nil
}

func (db *DB) closeStatements() {
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	for _, st := range db.stmts.prepared {
		st.Close()
	}
	db.stmts.prepared = nil
}
