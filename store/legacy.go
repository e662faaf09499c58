package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"kiosk/model"
)

// Kiosk kept reading state in JSON files before this database: one file
// for the local reader ($XDG_STATE_HOME/kiosk/state.json) and, for `kiosk
// serve`, one per SSH key in a folder, named by a hash of the key's
// fingerprint. Those files were keyed by article IDs made from file base
// names. Importing one copies its entries into legacy_state under those old
// IDs; State.Adopt then hands each to the one article of a loaded library
// whose file name gives that ID. The files are left where they are.

// LegacyStatePath is where kiosk kept the local reader's JSON state:
// $XDG_STATE_HOME/kiosk/state.json, or ~/.local/state/kiosk/state.json.
func LegacyStatePath() string {
	base := os.Getenv("XDG_STATE_HOME")
	if !filepath.IsAbs(base) {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		base = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(base, "kiosk", "state.json")
}

// LegacyReaderFile is the file in a server's old state folder that held
// the state of the reader with this SSH key fingerprint.
func LegacyReaderFile(dir, fingerprint string) string {
	sum := sha256.Sum256([]byte(fingerprint))
	return filepath.Join(dir, hex.EncodeToString(sum[:16])+".state.json")
}

// legacyFile is the JSON state file format, version 1.
type legacyFile struct {
	Version  int                     `json:"version"`
	Articles map[string]legacyRecord `json:"articles"`
}

type legacyRecord struct {
	Read       bool           `json:"read"`
	ReadAt     time.Time      `json:"read_at"`
	Starred    bool           `json:"starred"`
	StarredAt  time.Time      `json:"starred_at"`
	Position   legacyPosition `json:"position"`
	PositionAt time.Time      `json:"position_at"`
}

type legacyPosition struct {
	Block int `json:"block"`
	Line  int `json:"line"`
}

// maxLegacySize bounds what is read of an old state file; far above any
// real one.
const maxLegacySize = 64 << 20

func readLegacyFile(path string) (map[string]legacyRecord, error) {
	data, err := model.ReadRegularFile(path, maxLegacySize)
	if err != nil {
		return nil, err
	}
	var d legacyFile
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("not a kiosk state file: %w", err)
	}
	if d.Version != 1 {
		return nil, fmt.Errorf("not a kiosk state file of format 1 (format %d)", d.Version)
	}
	return d.Articles, nil
}

// ImportJSON copies the entries of an old JSON state file into this
// reader's imported state, once: a file already imported for this reader,
// or one that does not exist, is passed over. It returns how many entries
// it imported. A file that cannot be parsed is reported, and not tried
// again; the file itself is never changed.
func (s *State) ImportJSON(ctx context.Context, path string) (int, error) {
	if s.db == nil || path == "" {
		return 0, nil
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	var done bool
	if err := s.db.sql.QueryRowContext(ctx, `SELECT count(*) > 0 FROM imported_files WHERE path = ? AND reader = ?`,
		path, s.reader).Scan(&done); err != nil || done {
		return 0, err
	}
	records, readErr := readLegacyFile(path)
	var pathErr *fs.PathError
	if errors.As(readErr, &pathErr) {
		// Unreadable now (permissions): try again next time.
		return 0, fmt.Errorf("import reading state from %s: %w", path, readErr)
	}
	n := 0
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		// Another process opening at the same time may have imported it
		// since the check above.
		res, err := tx.Exec(`INSERT OR IGNORE INTO imported_files (path, reader, imported) VALUES (?, ?, ?)`,
			path, s.reader, s.db.now().UnixMilli())
		if err != nil {
			return err
		}
		if first, err := res.RowsAffected(); err != nil || first == 0 {
			readErr = nil // reported by the process that imported it
			return err
		}
		if err := s.seen(ctx, tx); err != nil {
			return err
		}
		insert, err := tx.Prepare(`INSERT INTO legacy_state (reader, old_id, read, read_at, starred, starred_at,
				place_block, place_line, place_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (reader, old_id) DO UPDATE SET ` + laterFields)
		if err != nil {
			return err
		}
		defer insert.Close()
		for id, r := range records {
			if id == "" || (!r.Read && !r.Starred && r.Position == (legacyPosition{})) {
				continue
			}
			if _, err := insert.Exec(s.reader, id, r.Read, legacyTime(r.ReadAt), r.Starred, legacyTime(r.StarredAt),
				max(r.Position.Block, 0), max(r.Position.Line, 0), legacyTime(r.PositionAt)); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("import reading state from %s: %w", path, err)
	}
	if readErr != nil {
		return 0, fmt.Errorf("import reading state from %s: %w (passed over; the file is left as it is)", path, readErr)
	}
	return n, s.loadLegacyIDs(ctx)
}

// legacyTime is a change time of an old file in Unix nanoseconds; at least
// 1, so that an entry with a value but no time still counts as set.
func legacyTime(t time.Time) int64 {
	if t.IsZero() {
		return 1
	}
	return max(t.UnixNano(), 1)
}

func (s *State) loadLegacyIDs(ctx context.Context) error {
	rows, err := s.db.sql.QueryContext(ctx, `SELECT old_id FROM legacy_state WHERE reader = ?`, s.reader)
	if err != nil {
		return fmt.Errorf("imported reading state: %w", err)
	}
	defer rows.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		s.legacy[id] = true
	}
	return rows.Err()
}

// Adopt gives the articles of lib the state imported from old JSON files:
// an old entry goes to the article whose file name gives its old ID
// (Article.NameID), when exactly one article of lib has that name. An
// entry whose name several articles share stays imported, unclaimed, until
// a library holds one of them alone. Claimed entries merge with what the
// article has, the later change of each field winning, and leave the
// imported set.
func (s *State) Adopt(ctx context.Context, lib *model.Library) error {
	if s.db == nil || lib == nil {
		return nil
	}
	s.mu.Lock()
	if len(s.legacy) == 0 {
		s.mu.Unlock()
		return nil
	}
	byName := map[string][]string{}
	for _, a := range lib.Articles {
		if id := a.NameID(); s.legacy[id] && a.Key != "" {
			byName[id] = append(byName[id], a.Key)
		}
	}
	s.mu.Unlock()
	claimed := map[string]string{} // old ID -> key
	for id, keys := range byName {
		if len(keys) == 1 {
			claimed[id] = keys[0]
		}
	}
	if len(claimed) == 0 {
		return nil
	}
	if err := s.Flush(); err != nil {
		return err
	}
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		seq, err := s.db.nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		if err := s.seen(ctx, tx); err != nil {
			return err
		}
		for id, key := range claimed {
			var r record
			err := tx.QueryRow(`DELETE FROM legacy_state WHERE reader = ? AND old_id = ?
				RETURNING read, read_at, starred, starred_at, place_block, place_line, place_at`, s.reader, id).
				Scan(&r.Read, &r.readAt, &r.Starred, &r.starredAt, &r.Position.Block, &r.Position.Line, &r.positionAt)
			if errors.Is(err, sql.ErrNoRows) {
				continue // another process claimed it
			}
			if err != nil {
				return err
			}
			if _, err := tx.Exec(upsertState, s.reader, key, r.Read, r.readAt, r.Starred, r.starredAt,
				r.Position.Block, r.Position.Line, r.positionAt, s.db.now().UnixNano(), seq); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("adopt imported reading state: %w", err)
	}
	s.mu.Lock()
	for id := range claimed {
		delete(s.legacy, id)
	}
	s.mu.Unlock()
	return s.Refresh(ctx)
}
