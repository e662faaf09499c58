package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"kiosk/model"
)

// openAtVersion makes a database at schema version v, as an earlier kiosk
// left it.
func openAtVersion(t *testing.T, path string, v int) *DB {
	t.Helper()
	conn, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	db := newDB(conn, path)
	if err := db.migrateTo(context.Background(), v); err != nil {
		t.Fatal(err)
	}
	return db
}

// fill writes, into a database at version v, data that the schema of
// version v can hold: what a user of that kiosk would have.
var fill = map[int]func(tx *sql.Tx) error{
	1: func(tx *sql.Tx) error {
		return execAll(tx,
			`INSERT INTO reading_state (reader, article, read, read_at, starred, starred_at, place_block, place_line, place_at, updated)
				VALUES ('', 'file:/news/a.txt', 1, 10, 1, 11, 3, 1, 12, 12),
				       ('SHA256:k', 'embedded:seed.txt', 1, 20, 0, 0, 0, 0, 0, 20)`,
			`INSERT INTO legacy_state (reader, old_id, starred, starred_at) VALUES ('', 'old', 1, 5)`,
			`INSERT INTO imported_files (path, reader, imported) VALUES ('/old/state.json', '', 1)`,
		)
	},
	2: func(tx *sql.Tx) error {
		// The readers with state came since version 2 too.
		return execAll(tx, `INSERT INTO readers (reader, last_seen) VALUES ('SHA256:other', 30), ('', 20), ('SHA256:k', 20)`)
	},
	3: func(tx *sql.Tx) error {
		return execAll(tx,
			`INSERT INTO feeds (id, url, title, etag, added) VALUES (7, 'https://example.org/feed', 'Example', '"v1"', 1)`,
			`INSERT INTO items (id, feed_id, key, dedup, guid, title, hash, fetched_at, last_seen, sort_time)
				VALUES (70, 7, 'item:7:x', 'guid:x', 'x', 'An item', 'h', 1, 1, 1)`,
			`INSERT INTO item_bodies (item_id, content_html) VALUES (70, '<p>Glaciers &amp; <b>fjords</b></p>')`,
		)
	},
	4: func(tx *sql.Tx) error { // what UpsertItems indexed of version 3's item
		return execAll(tx, `INSERT INTO items_fts (rowid, title, author, body) VALUES (70, 'An item', '', 'Glaciers & fjords')`)
	},
	5: func(tx *sql.Tx) error {
		return execAll(tx,
			// At version 5 every row has a write number (the migration
			// gives the older rows one); the rows filled in above, written
			// straight into this schema, get theirs here.
			`UPDATE reading_state SET seq = 1 WHERE seq = 0`,
			`UPDATE reading_state_seq SET seq = seq + 1`,
			`INSERT INTO reading_state (reader, article, starred, starred_at, updated, seq)
				VALUES ('SHA256:four', 'embedded:seed.txt', 1, 40, 40, (SELECT seq FROM reading_state_seq))`,
		)
	},
	6: func(tx *sql.Tx) error {
		return execAll(tx, `INSERT INTO feeds (id, url, title, title_given, added) VALUES (8, 'https://example.org/named', 'Named', 1, 1)`)
	},
}

func TestMigrateFromEveryEarlierVersionKeepsData(t *testing.T) {
	if len(fill) != SchemaVersion() {
		t.Fatalf("fill has data for %d versions, the schema has %d: add data for the new migration", len(fill), SchemaVersion())
	}
	// From every version up to the latest included: the data each version
	// holds (fill) is checked in every database that had it, the latest
	// version's too, which the next migration must keep.
	for from := 0; from <= SchemaVersion(); from++ {
		t.Run(fmt.Sprintf("from version %d", from), func(t *testing.T) {
			ctx := context.Background()
			path := tempPath(t)
			old := openAtVersion(t, path, from)
			for v := 1; v <= from; v++ {
				if err := old.write(ctx, fill[v]); err != nil {
					t.Fatalf("filling version %d: %v", v, err)
				}
			}
			old.Close()

			db := openAt(t, path)
			var version int
			db.sql.QueryRow("PRAGMA user_version").Scan(&version)
			if version != SchemaVersion() {
				t.Fatalf("user_version %d after Open, want %d", version, SchemaVersion())
			}
			if err := db.IntegrityCheck(ctx); err != nil {
				t.Fatal(err)
			}
			if from >= 1 {
				local := openState(t, db, "")
				want := Entry{Read: true, Starred: true, Position: model.Position{Block: 3, Line: 1}}
				if got := local.Get("file:/news/a.txt"); got != want {
					t.Errorf("local state after migrating: %+v, want %+v", got, want)
				}
				if !openState(t, db, "SHA256:k").Get("embedded:seed.txt").Read {
					t.Error("an SSH reader's read mark was lost")
				}
				var readers int
				db.sql.QueryRow(`SELECT count(*) FROM readers WHERE reader IN ('', 'SHA256:k')`).Scan(&readers)
				if readers != 2 {
					t.Errorf("%d of the 2 readers with state are known", readers)
				}
			}
			if from >= 2 {
				var n int
				db.sql.QueryRow(`SELECT count(*) FROM readers WHERE reader = 'SHA256:other'`).Scan(&n)
				if n != 1 {
					t.Error("a reader known before was lost")
				}
			}
			if from >= 3 {
				for _, prefix := range []string{"fjord", "f", "fj", "fjo", "glac"} {
					got, err := db.SearchStored(ctx, model.StoredQuery{Terms: []string{prefix}})
					if err != nil || len(got) != 1 || got[0].Key != "item:7:x" {
						t.Errorf("an item stored before the search index or its prefixes is found by %q as %+v, %v", prefix, got, err)
					}
				}
				if text, err := db.StoredText(ctx, "item:7:x"); err != nil || !strings.HasPrefix(text, "Glaciers & fjords") {
					t.Errorf("the indexed text of an item stored before the search index is %q, %v", text, err)
				}
			}
			if from >= 3 {
				// Feeds from before version 6 took the feed's own title at
				// every fetch, and go on doing so.
				if f, err := db.Feed(ctx, 7); err != nil || f.Title != "Example" || f.TitleGiven {
					t.Errorf("a feed stored at version 3: %+v, %v", f, err)
				}
			}
			if from >= 6 {
				if f, err := db.Feed(ctx, 8); err != nil || !f.TitleGiven {
					t.Errorf("a name given at version 6 was lost: %+v, %v", f, err)
				}
			}
			if from >= 5 {
				if !openState(t, db, "SHA256:four").Get("embedded:seed.txt").Starred {
					t.Error("a star written at version 5 was lost")
				}
			}
			checkLatestSchemaWorks(t, db)
		})
	}
}

// checkLatestSchemaWorks uses every table of the latest schema.
func checkLatestSchemaWorks(t *testing.T, db *DB) {
	t.Helper()
	f := addFeed(t, db, "https://example.com/new.xml")
	if n := upsert(t, db, f.ID, Item{GUID: "1", Title: "One"}); n.Added != 1 {
		t.Errorf("upsert after migrating added %d", n.Added)
	}
	st := openState(t, db, "")
	other := openState(t, db, "")
	st.MarkRead(ItemKey(f.ID, Item{GUID: "1"}), true)
	if err := st.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := other.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !other.Get(ItemKey(f.ID, Item{GUID: "1"})).Read {
		t.Error("after migrating, a State does not see a mark written after it loaded")
	}
	feeds, err := db.Feeds(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range feeds {
		if fd.ID == f.ID && (fd.Items != 1 || fd.Unread != 0) {
			t.Errorf("new feed after migrating: %d items, %d unread; want 1, 0", fd.Items, fd.Unread)
		}
	}
}

func TestNewerSchemaIsRefusedAndLeftAlone(t *testing.T) {
	path := tempPath(t)
	db := openAt(t, path)
	db.sql.Exec(fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1))
	db.Close()

	_, err := Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "newer kiosk") {
		t.Fatalf("Open = %v, want a refusal naming a newer kiosk", err)
	}
	check, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	var v int
	check.QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion()+1 {
		t.Errorf("user_version changed to %d", v)
	}
}

func TestTwoProcessesOpeningANewDatabaseMigrateOnce(t *testing.T) {
	path := tempPath(t)
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			db, err := Open(context.Background(), path)
			if err == nil {
				db.Close()
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
