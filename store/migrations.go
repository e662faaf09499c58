package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations returns the schema's history: migration i brings a database
// from version i to version i+1 (PRAGMA user_version). Each runs once, in
// its own transaction with the version bump. Never edit one that has
// shipped; append a new one.
func migrations() []func(tx *sql.Tx) error {
	return []func(tx *sql.Tx) error{
		readingStateSchema,
		readersSchema,
		feedsSchema,
		itemSearchSchema,
		readingStateSeqSchema,
		feedTitleGivenSchema,
	}
}

// SchemaVersion is the schema version this kiosk writes.
func SchemaVersion() int { return len(migrations()) }

// Version 1: reading state per reader and article, and the reading state
// imported from the JSON files of earlier kiosks, kept under the old IDs
// until an article claims it (see State.Adopt).
func readingStateSchema(tx *sql.Tx) error {
	return execAll(tx,
		`CREATE TABLE reading_state (
			reader      TEXT NOT NULL,
			article     TEXT NOT NULL,
			read        INTEGER NOT NULL DEFAULT 0,
			read_at     INTEGER NOT NULL DEFAULT 0,
			starred     INTEGER NOT NULL DEFAULT 0,
			starred_at  INTEGER NOT NULL DEFAULT 0,
			place_block INTEGER NOT NULL DEFAULT 0,
			place_line  INTEGER NOT NULL DEFAULT 0,
			place_at    INTEGER NOT NULL DEFAULT 0,
			updated     INTEGER NOT NULL DEFAULT 0,
			PRIMARY KEY (reader, article)
		) WITHOUT ROWID`,
		`CREATE INDEX reading_state_by_update ON reading_state (reader, updated)`,
		`CREATE TABLE legacy_state (
			reader      TEXT NOT NULL,
			old_id      TEXT NOT NULL,
			read        INTEGER NOT NULL DEFAULT 0,
			read_at     INTEGER NOT NULL DEFAULT 0,
			starred     INTEGER NOT NULL DEFAULT 0,
			starred_at  INTEGER NOT NULL DEFAULT 0,
			place_block INTEGER NOT NULL DEFAULT 0,
			place_line  INTEGER NOT NULL DEFAULT 0,
			place_at    INTEGER NOT NULL DEFAULT 0,
			PRIMARY KEY (reader, old_id)
		) WITHOUT ROWID`,
		`CREATE TABLE imported_files (
			path     TEXT NOT NULL,
			reader   TEXT NOT NULL,
			imported INTEGER NOT NULL,
			PRIMARY KEY (path, reader)
		) WITHOUT ROWID`,
	)
}

// Version 2: when each reader last came, so that a server can forget the
// readers who stopped coming first (see DB.LimitReaders).
func readersSchema(tx *sql.Tx) error {
	return execAll(tx,
		`CREATE TABLE readers (
			reader    TEXT PRIMARY KEY,
			last_seen INTEGER NOT NULL
		) WITHOUT ROWID`,
		`INSERT INTO readers (reader, last_seen)
			SELECT reader, max(updated) FROM reading_state GROUP BY reader`,
		`CREATE INDEX readers_by_last_seen ON readers (last_seen)`,
	)
}

// Version 3: subscriptions and their items, with the items' bodies in a
// table of their own.
func feedsSchema(tx *sql.Tx) error {
	return execAll(tx,
		`CREATE TABLE feeds (
			id            INTEGER PRIMARY KEY,
			url           TEXT NOT NULL UNIQUE,
			title         TEXT NOT NULL DEFAULT '',
			site_url      TEXT NOT NULL DEFAULT '',
			folder        TEXT NOT NULL DEFAULT '',
			etag          TEXT NOT NULL DEFAULT '',
			last_modified TEXT NOT NULL DEFAULT '',
			last_fetch    INTEGER NOT NULL DEFAULT 0,
			next_fetch    INTEGER NOT NULL DEFAULT 0,
			last_error    TEXT NOT NULL DEFAULT '',
			error_count   INTEGER NOT NULL DEFAULT 0,
			disabled      INTEGER NOT NULL DEFAULT 0,
			full_text     TEXT NOT NULL DEFAULT 'auto' CHECK (full_text IN ('auto', 'always', 'never')),
			min_interval  INTEGER NOT NULL DEFAULT 0,
			added         INTEGER NOT NULL
		)`,
		`CREATE TABLE items (
			id             INTEGER PRIMARY KEY,
			feed_id        INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
			key            TEXT NOT NULL UNIQUE,
			dedup          TEXT NOT NULL,
			guid           TEXT NOT NULL DEFAULT '',
			link           TEXT NOT NULL DEFAULT '',
			title          TEXT NOT NULL DEFAULT '',
			author         TEXT NOT NULL DEFAULT '',
			published      INTEGER NOT NULL DEFAULT 0,
			updated        INTEGER NOT NULL DEFAULT 0,
			hash           TEXT NOT NULL,
			fetched_at     INTEGER NOT NULL,
			last_seen      INTEGER NOT NULL,
			sort_time      INTEGER NOT NULL,
			UNIQUE (feed_id, dedup)
		)`,
		// Bodies live apart, so that listing items reads no body's pages.
		`CREATE TABLE item_bodies (
			item_id        INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
			content_html   TEXT NOT NULL DEFAULT '',
			summary        TEXT NOT NULL DEFAULT '',
			full_text_html TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX items_newest ON items (sort_time DESC, id DESC)`,
		`CREATE INDEX items_of_feed ON items (feed_id, sort_time DESC)`,
	)
}

// Version 4: a full-text index of items (SQLite FTS5), so that searching
// 100,000 items needs none of their bodies in memory. Its rowid is the
// item's id; UpsertItems and SetFullText keep it up to date, and deleting
// an item deletes its entry. It also lists words by their first one, two
// and three letters (prefix indexes): searching as you type asks for such
// prefixes ("t", "th"), and without them FTS5 merges the lists of every
// word that starts so; on 100,000 items "t" took 25 to 80 ms and a phrase
// ending in "and" 9 MB outside the Go heap, with them 3 ms and 1 MB.
func itemSearchSchema(tx *sql.Tx) error {
	err := execAll(tx,
		`CREATE VIRTUAL TABLE items_fts USING fts5 (title, author, body,
			tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')`,
		`CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
			DELETE FROM items_fts WHERE rowid = old.id;
		END`,
	)
	if err != nil {
		return err
	}
	rows, err := tx.Query(`SELECT i.id, i.title, i.author, coalesce(b.content_html, ''), coalesce(b.summary, ''),
			coalesce(b.full_text_html, '')
		FROM items i LEFT JOIN item_bodies b ON b.item_id = i.id`)
	if err != nil {
		return err
	}
	type entry struct {
		id                  int64
		title, author, body string
	}
	var entries []entry
	for rows.Next() {
		var e entry
		var content, summary, full string
		if err := rows.Scan(&e.id, &e.title, &e.author, &content, &summary, &full); err != nil {
			rows.Close()
			return err
		}
		e.body = searchBody(content, summary, full)
		entries = append(entries, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range entries {
		if _, err := tx.Exec(`INSERT INTO items_fts (rowid, title, author, body) VALUES (?, ?, ?, ?)`,
			e.id, e.title, e.author, e.body); err != nil {
			return err
		}
	}
	return nil
}

// Version 5: each row of reading_state carries the number of the write
// that last stored it, from a counter that only grows (even when rows are
// deleted), so that State.Refresh reads every row written since it last
// looked. The field times cannot serve: they say when a change was made,
// and a change may be written later than a change made after it.
func readingStateSeqSchema(tx *sql.Tx) error {
	return execAll(tx,
		`ALTER TABLE reading_state ADD COLUMN seq INTEGER NOT NULL DEFAULT 0`,
		`UPDATE reading_state SET seq = 1`,
		`CREATE TABLE reading_state_seq (
			id  INTEGER PRIMARY KEY CHECK (id = 1),
			seq INTEGER NOT NULL
		)`,
		`INSERT INTO reading_state_seq (id, seq) VALUES (1, 1)`,
		`CREATE INDEX reading_state_by_seq ON reading_state (reader, seq)`,
	)
}

// Version 6: whether a feed's title is the one its subscriber gave (an OPML
// outline's name), which fetches keep, or the feed's own, which each fetch
// brings up to date. Feeds stored before took the feed's own title at
// every fetch, so they start as not given.
func feedTitleGivenSchema(tx *sql.Tx) error {
	return execAll(tx, `ALTER TABLE feeds ADD COLUMN title_given INTEGER NOT NULL DEFAULT 0`)
}

func execAll(tx *sql.Tx, statements ...string) error {
	for _, s := range statements {
		if _, err := tx.Exec(s); err != nil {
			return err
		}
	}
	return nil
}

// migrate brings the database up to SchemaVersion.
func (db *DB) migrate(ctx context.Context) error {
	return db.migrateTo(ctx, SchemaVersion())
}

// migrateTo runs the migrations up to version target. Each runs in a write
// transaction that first re-reads the version, so two processes opening a
// new database at once run each migration once.
func (db *DB) migrateTo(ctx context.Context, target int) error {
	migrations := migrations()
	for {
		done := false
		err := db.write(ctx, func(tx *sql.Tx) error {
			var version int
			if err := tx.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
				return err
			}
			switch {
			case version > len(migrations):
				return fmt.Errorf("written by a newer kiosk (schema %d, this one knows up to %d); it is left untouched: use the newer kiosk or choose another file with --db", version, len(migrations))
			case version >= target:
				done = true
				return nil
			}
			if err := migrations[version](tx); err != nil {
				return fmt.Errorf("migrating the schema from version %d: %w", version, err)
			}
			_, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", version+1))
			return err
		})
		if err != nil || done {
			return err
		}
	}
}
