package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"kiosk/model"
)

// Entry is what kiosk remembers about one article for one reader.
type Entry struct {
	Read     bool
	Starred  bool
	Position model.Position
}

// SaveDelay is how long a State waits after a change before writing it, so
// that a burst of changes (scrolling through an article) is one write.
const SaveDelay = 200 * time.Millisecond

// State is the reading state of one reader: "" for the local user, the SSH
// key fingerprint of a reader of `kiosk serve`. It keeps the reader's
// entries in memory, so that drawing a list never waits for the disk, and
// writes changes shortly after they are made (SaveDelay) in one
// transaction. Each field of an entry carries the time it was changed: two
// processes writing the same article keep, field by field, the later
// change (a read in one terminal and a star in another both survive). Its
// methods are safe for concurrent use.
type State struct {
	db     *DB // nil: memory only
	reader string
	delay  time.Duration

	// flushing is held for a whole Flush: saves run one at a time, and
	// Close waits for one under way.
	flushing sync.Mutex

	mu      sync.Mutex
	entries map[string]record
	pending map[string]record // changed fields (their times are set) not yet written
	legacy  map[string]bool   // old IDs whose imported state no article claimed yet
	synced  int64             // latest write number (seq) read from the database
	last    int64             // latest change time handed out, to keep them increasing
	timer   *time.Timer
	closed  bool
	err     error
}

// record is an Entry with the time (Unix nanoseconds) each field was last
// changed; 0 for never.
type record struct {
	Entry
	readAt, starredAt, positionAt int64
}

func (r record) updated() int64 { return max(r.readAt, r.starredAt, r.positionAt) }

// merge takes each field of b that changed after a's.
func merge(a, b record) record {
	if b.readAt > a.readAt {
		a.Read, a.readAt = b.Read, b.readAt
	}
	if b.starredAt > a.starredAt {
		a.Starred, a.starredAt = b.Starred, b.starredAt
	}
	if b.positionAt > a.positionAt {
		a.Position, a.positionAt = b.Position, b.positionAt
	}
	return a
}

// NewMemoryState returns a State that remembers for the life of the process
// only: for --no-state, and for SSH sessions without a public key.
func NewMemoryState() *State {
	return newState(nil, "")
}

func newState(db *DB, reader string) *State {
	return &State{db: db, reader: reader, delay: SaveDelay,
		entries: map[string]record{}, pending: map[string]record{}, legacy: map[string]bool{}}
}

// State loads the reading state of reader. Close it when done: the visit
// is recorded then (Limit forgets first the readers seen least recently).
// Opening writes nothing, so a reader's first screen waits for no write.
func (db *DB) State(ctx context.Context, reader string) (*State, error) {
	s := newState(db, reader)
	if err := s.Refresh(ctx); err != nil {
		return nil, err
	}
	if err := s.loadLegacyIDs(ctx); err != nil {
		return nil, err
	}
	db.present.arrive(reader)
	return s, nil
}

// Reader returns whose state this is.
func (s *State) Reader() string { return s.reader }

// Persistent reports whether changes are written to a database.
func (s *State) Persistent() bool { return s.db != nil }

// Path returns the database file, or "" for a memory-only State.
func (s *State) Path() string {
	if s.db == nil {
		return ""
	}
	return s.db.path
}

// Get returns the state of the article with this key; the zero Entry
// (unread, not starred, at the top) for one never touched.
func (s *State) Get(key string) Entry {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.entries[key].Entry
}

// Marks reports whether the article is read and starred.
func (s *State) Marks(key string) (read, starred bool) {
	e := s.Get(key)
	return e.Read, e.Starred
}

// MarkRead marks the article read or unread.
func (s *State) MarkRead(key string, read bool) {
	s.change(key, func(r *record, now int64) bool {
		if r.Read == read {
			return false
		}
		r.Read, r.readAt = read, now
		return true
	})
}

// SetStarred stars or unstars the article.
func (s *State) SetStarred(key string, starred bool) {
	s.change(key, func(r *record, now int64) bool {
		if r.Starred == starred {
			return false
		}
		r.Starred, r.starredAt = starred, now
		return true
	})
}

// SetPosition remembers the reader's place in the article; negative fields
// count as 0.
func (s *State) SetPosition(key string, p model.Position) {
	p = model.Position{Block: max(p.Block, 0), Line: max(p.Line, 0)}
	s.change(key, func(r *record, now int64) bool {
		if r.Position == p {
			return false
		}
		r.Position, r.positionAt = p, now
		return true
	})
}

// change applies edit to the entry of key and schedules a write when edit
// reports a change. Setting a field to the value it has is no change.
func (s *State) change(key string, edit func(r *record, now int64) bool) {
	if key == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.entries[key]
	now := s.stamp()
	if !edit(&r, now) {
		return
	}
	s.entries[key] = r
	p := s.pending[key]
	p = merge(p, r)
	s.pending[key] = p
	if s.db != nil && !s.closed && s.timer == nil {
		s.timer = time.AfterFunc(s.delay, func() { s.Flush() })
	}
}

// stamp returns the time of a change: the clock, but always later than any
// change the State knows about. The caller holds s.mu.
func (s *State) stamp() int64 {
	t := time.Now().UnixNano()
	if s.db != nil {
		t = s.db.now().UnixNano()
	}
	if t <= s.last {
		t = s.last + 1
	}
	s.last = t
	return t
}

// Flush writes pending changes now, then reads what other processes wrote
// for this reader meanwhile. It returns what went wrong, if anything; the
// changes stay pending and are tried again at the next change or Flush.
func (s *State) Flush() error { return s.flush(false) }

// flush is Flush; leaving records the visit even with nothing to save, and
// reads nothing back, since the State is done with.
func (s *State) flush(leaving bool) error {
	if s.db == nil {
		return nil
	}
	s.flushing.Lock()
	defer s.flushing.Unlock()
	s.mu.Lock()
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	batch := s.pending
	s.pending = map[string]record{}
	s.mu.Unlock()

	err := s.write(batch, leaving)
	if err == nil && !leaving {
		err = s.Refresh(context.Background())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.err = err
	if err != nil {
		for key, r := range batch {
			s.pending[key] = merge(r, s.pending[key])
		}
	}
	return err
}

// write stores batch, each field only where it is newer than the stored
// one, and records the reader as seen; with an empty batch it writes only
// when the reader is leaving.
func (s *State) write(batch map[string]record, leaving bool) error {
	if len(batch) == 0 && !leaving {
		return nil
	}
	ctx := context.Background()
	upsertStmt, err := s.db.stmt(ctx, upsertState)
	if err != nil {
		return err
	}
	return s.db.write(ctx, func(tx *sql.Tx) error {
		if err := s.seen(ctx, tx); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		seq, err := s.db.nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		upsert := tx.StmtContext(ctx, upsertStmt)
		for key, r := range batch {
			if _, err := upsert.Exec(s.reader, key, r.Read, r.readAt, r.Starred, r.starredAt,
				r.Position.Block, r.Position.Line, r.positionAt, r.updated(), seq); err != nil {
				return err
			}
		}
		return nil
	})
}

// seen records in tx that the reader is here now: Limit forgets first the
// readers seen least recently.
func (s *State) seen(ctx context.Context, tx *sql.Tx) error {
	st, err := s.db.stmt(ctx, `INSERT INTO readers (reader, last_seen) VALUES (?, ?)
		ON CONFLICT (reader) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)`)
	if err != nil {
		return err
	}
	_, err = tx.StmtContext(ctx, st).ExecContext(ctx, s.reader, s.db.now().UnixNano())
	return err
}

// upsertState writes one entry, keeping field by field the later change,
// with the number of the write (nextSeq).
const upsertState = `INSERT INTO reading_state (reader, article, read, read_at, starred, starred_at,
		place_block, place_line, place_at, updated, seq)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (reader, article) DO UPDATE SET ` + laterFields + `,
		updated = max(updated, excluded.updated),
		seq = excluded.seq`

// laterFields is the SET clause of an upsert into reading_state or
// legacy_state that keeps, field by field, the later change.
const laterFields = `
		read = CASE WHEN excluded.read_at > read_at THEN excluded.read ELSE read END,
		read_at = max(read_at, excluded.read_at),
		starred = CASE WHEN excluded.starred_at > starred_at THEN excluded.starred ELSE starred END,
		starred_at = max(starred_at, excluded.starred_at),
		place_block = CASE WHEN excluded.place_at > place_at THEN excluded.place_block ELSE place_block END,
		place_line = CASE WHEN excluded.place_at > place_at THEN excluded.place_line ELSE place_line END,
		place_at = max(place_at, excluded.place_at)`

// nextSeq numbers a write transaction that stores rows of reading_state.
// Writes are serialised (BEGIN IMMEDIATE) and the counter never goes back,
// so a State that has read the rows up to number n has every row written
// by the writes numbered up to n (or a later version of it).
func (db *DB) nextSeq(ctx context.Context, tx *sql.Tx) (int64, error) {
	st, err := db.stmt(ctx, `UPDATE reading_state_seq SET seq = seq + 1 RETURNING seq`)
	if err != nil {
		return 0, err
	}
	var seq int64
	err = tx.StmtContext(ctx, st).QueryRowContext(ctx).Scan(&seq)
	return seq, err
}

// Refresh reads the entries of this reader written to the database since
// the last read, by this process or another.
func (s *State) Refresh(ctx context.Context) error {
	if s.db == nil {
		return nil
	}
	s.mu.Lock()
	since := s.synced
	s.mu.Unlock()
	query, err := s.db.stmt(ctx, `SELECT article, read, read_at, starred, starred_at,
		place_block, place_line, place_at, updated, seq FROM reading_state WHERE reader = ? AND seq > ?`)
	if err != nil {
		return fmt.Errorf("reading state: %w", err)
	}
	rows, err := query.QueryContext(ctx, s.reader, since)
	if err != nil {
		return fmt.Errorf("reading state: %w", err)
	}
	defer rows.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	for rows.Next() {
		var key string
		var r record
		var updated, seq int64
		if err := rows.Scan(&key, &r.Read, &r.readAt, &r.Starred, &r.starredAt,
			&r.Position.Block, &r.Position.Line, &r.positionAt, &updated, &seq); err != nil {
			return fmt.Errorf("reading state: %w", err)
		}
		s.entries[key] = merge(s.entries[key], r)
		s.synced = max(s.synced, seq)
		s.last = max(s.last, updated)
	}
	return rows.Err()
}

// Err returns the problem met by the last write, or nil.
func (s *State) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Close writes pending changes, records the visit, and stops writing: later
// changes stay in memory. It is safe to call more than once. It does not
// close the DB.
func (s *State) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
	err := s.flush(true)
	if s.db != nil {
		s.db.present.leave(s.reader)
	}
	return err
}

// MarkFeedRead marks every item of the feed read for this reader, and
// returns how many were unread.
func (s *State) MarkFeedRead(ctx context.Context, feedID int64) (int, error) {
	if s.db == nil {
		return 0, errors.New("mark feed read: no database")
	}
	if err := s.Flush(); err != nil {
		return 0, err
	}
	var n int64
	err := s.db.write(ctx, func(tx *sql.Tx) error {
		seq, err := s.db.nextSeq(ctx, tx)
		if err != nil {
			return err
		}
		if err := s.seen(ctx, tx); err != nil {
			return err
		}
		s.mu.Lock()
		now := s.stamp()
		s.mu.Unlock()
		res, err := tx.Exec(`INSERT INTO reading_state (reader, article, read, read_at, updated, seq)
			SELECT ?, i.key, 1, ?, ?, ? FROM items i WHERE i.feed_id = ?
			ON CONFLICT (reader, article) DO UPDATE SET read = 1, read_at = excluded.read_at,
				updated = max(updated, excluded.updated), seq = excluded.seq
			WHERE read = 0`, s.reader, now, now, seq, feedID)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("mark feed %d read: %w", feedID, err)
	}
	return int(n), s.Refresh(ctx)
}
