package store

import (
	"context"
	"database/sql"
	"fmt"
)

// Limits bound the reading state a server keeps, so that a stream of new
// SSH keys cannot fill its disk.
type Limits struct {
	// Readers is how many SSH readers keep their state; beyond it, the
	// readers who came least recently are forgotten first. The local
	// reader ("") is never counted nor forgotten.
	Readers int
	// EntriesPerReader is how many articles each SSH reader's state
	// remembers; beyond it the least recently changed go first. Starred
	// articles are never forgotten, whatever their number.
	EntriesPerReader int
}

// DefaultLimits keep a few megabytes at most.
func DefaultLimits() Limits { return Limits{Readers: 1000, EntriesPerReader: 1000} }

// Limit applies limits: it forgets the least recently seen readers beyond
// limits.Readers, and the oldest entries of reader beyond
// limits.EntriesPerReader, except starred ones. It returns how many readers
// it forgot.
func (db *DB) Limit(ctx context.Context, reader string, limits Limits) (int, error) {
	var forgot int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		if reader != "" && limits.EntriesPerReader > 0 {
			if _, err := tx.Exec(`DELETE FROM reading_state WHERE reader = ? AND starred = 0 AND article IN (
				SELECT article FROM reading_state WHERE reader = ? ORDER BY updated DESC LIMIT -1 OFFSET ?)`,
				reader, reader, limits.EntriesPerReader); err != nil {
				return err
			}
		}
		if limits.Readers <= 0 {
			return nil
		}
		gone, err := db.readersBeyond(ctx, tx, limits.Readers)
		if err != nil {
			return err
		}
		for _, r := range gone {
			for _, table := range []string{"reading_state", "legacy_state", "readers"} {
				if _, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE reader = ?`, r); err != nil {
					return err
				}
			}
		}
		forgot = int64(len(gone))
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("limit reading state: %w", err)
	}
	return int(forgot), nil
}

// readersBeyond lists the SSH readers seen less recently than the newest
// keep, leaving out those with a State open in this process.
func (db *DB) readersBeyond(ctx context.Context, tx *sql.Tx, keep int) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT reader FROM readers WHERE reader != ''
		ORDER BY last_seen DESC, reader LIMIT -1 OFFSET ?`, keep)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var gone []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		if !db.present.here(r) {
			gone = append(gone, r)
		}
	}
	return gone, rows.Err()
}
