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
		const gone = `SELECT reader FROM readers WHERE reader != '' ORDER BY last_seen DESC, reader LIMIT -1 OFFSET ?`
		for _, table := range []string{"reading_state", "legacy_state"} {
			if _, err := tx.Exec(`DELETE FROM `+table+` WHERE reader IN (`+gone+`)`, limits.Readers); err != nil {
				return err
			}
		}
		res, err := tx.Exec(`DELETE FROM readers WHERE reader IN (`+gone+`)`, limits.Readers)
		if err != nil {
			return err
		}
		forgot, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("limit reading state: %w", err)
	}
	return int(forgot), nil
}
