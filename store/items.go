package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Item is one entry of a feed as the fetcher parsed it.
type Item struct {
	GUID        string
	Link        string
	Title       string
	Author      string
	Published   time.Time // zero when the feed gives none
	Updated     time.Time
	ContentHTML string
	Summary     string
}

// dedup is what makes an item the same item in the next fetch: its GUID,
// else its link, else a hash of its title and date.
func (it Item) dedup() string {
	switch {
	case strings.TrimSpace(it.GUID) != "":
		return "guid:" + strings.TrimSpace(it.GUID)
	case strings.TrimSpace(it.Link) != "":
		return "link:" + strings.TrimSpace(it.Link)
	}
	return "hash:" + digest(it.Title, fmt.Sprint(millis(it.Published)))
}

// hash changes when anything a reader sees of the item changes.
func (it Item) hash() string {
	return digest(it.GUID, it.Link, it.Title, it.Author,
		fmt.Sprint(millis(it.Published)), fmt.Sprint(millis(it.Updated)), it.ContentHTML, it.Summary)
}

func digest(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// ItemKey is the article key of an item (see State): it depends only on the
// feed's ID and what identifies the item in it, so it never moves.
func ItemKey(feedID int64, it Item) string {
	return itemKey(feedID, it.dedup())
}

func itemKey(feedID int64, dedup string) string {
	return fmt.Sprintf("item:%d:%s", feedID, digest(dedup))
}

// Upserted counts what UpsertItems changed.
type Upserted struct {
	Added   int // items new to the feed
	Updated int // items already stored whose content changed, updated in place
}

// UpsertItems stores the items of one fetch of feed feedID in one
// transaction. An item already stored (same GUID, else link, else title and
// date) is updated in place when it changed and keeps its key, so its
// reading state stays with it; an unchanged one is left alone.
func (db *DB) UpsertItems(ctx context.Context, feedID int64, items []Item, fetchedAt time.Time) (Upserted, error) {
	var n Upserted
	err := db.write(ctx, func(tx *sql.Tx) error {
		n = Upserted{}
		lookup, err := tx.Prepare(`SELECT id, hash FROM items WHERE feed_id = ? AND dedup = ?`)
		if err != nil {
			return err
		}
		defer lookup.Close()
		insert, err := tx.Prepare(`INSERT INTO items (feed_id, key, dedup, guid, link, title, author,
			published, updated, hash, fetched_at, last_seen, sort_time)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer insert.Close()
		update, err := tx.Prepare(`UPDATE items SET guid = ?, link = ?, title = ?, author = ?,
			published = ?, updated = ?, hash = ?, last_seen = ?,
			sort_time = CASE WHEN ? = 0 THEN sort_time ELSE ? END
			WHERE id = ?`)
		if err != nil {
			return err
		}
		defer update.Close()
		seen, err := tx.Prepare(`UPDATE items SET last_seen = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer seen.Close()
		body, err := tx.Prepare(`INSERT INTO item_bodies (item_id, content_html, summary) VALUES (?, ?, ?)
			ON CONFLICT (item_id) DO UPDATE SET content_html = excluded.content_html, summary = excluded.summary`)
		if err != nil {
			return err
		}
		defer body.Close()
		for _, it := range items {
			dedup, hash := it.dedup(), it.hash()
			var id int64
			var old string
			err := lookup.QueryRow(feedID, dedup).Scan(&id, &old)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				sortTime := millis(firstSet(it.Published, it.Updated, fetchedAt))
				res, err := insert.Exec(feedID, itemKey(feedID, dedup), dedup, it.GUID, it.Link, it.Title, it.Author,
					millis(it.Published), millis(it.Updated), hash, millis(fetchedAt), millis(fetchedAt), sortTime)
				if err != nil {
					return err
				}
				if id, err = res.LastInsertId(); err != nil {
					return err
				}
				n.Added++
			case err != nil:
				return err
			case old != hash:
				dated := millis(firstSet(it.Published, it.Updated))
				if _, err := update.Exec(it.GUID, it.Link, it.Title, it.Author, millis(it.Published), millis(it.Updated),
					hash, millis(fetchedAt), dated, dated, id); err != nil {
					return err
				}
				n.Updated++
			default:
				if _, err := seen.Exec(millis(fetchedAt), id); err != nil {
					return err
				}
				continue
			}
			if _, err := body.Exec(id, it.ContentHTML, it.Summary); err != nil {
				return err
			}
			if err := indexItem(tx, id, it.Title, it.Author, searchBody(it.ContentHTML, it.Summary, "")); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Upserted{}, fmt.Errorf("store items of feed %d: %w", feedID, err)
	}
	return n, nil
}

func firstSet(times ...time.Time) time.Time {
	for _, t := range times {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// ItemRow is an item as a list shows it: no bodies, which ItemBody loads
// when the item is opened.
type ItemRow struct {
	ID        int64
	Key       string // the article key for State
	FeedID    int64
	Feed      string // the feed's title, else its URL
	Title     string
	Author    string
	Link      string
	Published time.Time // the item's date, else when it was first fetched
	Read      bool      // for the query's reader
	Starred   bool
}

// ItemQuery chooses the items Items lists.
type ItemQuery struct {
	Reader  string // whose read and starred marks; "" is the local reader
	FeedID  int64  // 0: every feed
	Key     string // "": every item; else the one with this article key
	Unread  bool   // only items Reader has not read
	Starred bool   // only items Reader starred
	Limit   int    // 0: no limit
	Offset  int    // rows to skip: a long list loads its first screen first
}

// Items lists items newest first.
func (db *DB) Items(ctx context.Context, q ItemQuery) ([]ItemRow, error) {
	var list []ItemRow
	err := db.EachItem(ctx, q, func(r ItemRow) { list = append(list, r) })
	return list, err
}

// EachItem calls fn with each item Items would list, in order, as it is
// read: a caller that keeps something smaller than the rows (a library of
// 100,000 items) never holds them all at once.
func (db *DB) EachItem(ctx context.Context, q ItemQuery, fn func(ItemRow)) error {
	var where []string
	args := []any{q.Reader}
	if q.FeedID != 0 {
		where = append(where, "i.feed_id = ?")
		args = append(args, q.FeedID)
	}
	if q.Key != "" {
		where = append(where, "i.key = ?")
		args = append(args, q.Key)
	}
	if q.Unread {
		where = append(where, "coalesce(r.read, 0) = 0")
	}
	if q.Starred {
		where = append(where, "r.starred = 1")
	}
	query := `SELECT i.id, i.key, i.feed_id, CASE WHEN f.title = '' THEN f.url ELSE f.title END,
			i.title, i.author, i.link, i.sort_time, coalesce(r.read, 0), coalesce(r.starred, 0)
		FROM items i JOIN feeds f ON f.id = i.feed_id
		LEFT JOIN reading_state r ON r.reader = ? AND r.article = i.key`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY i.sort_time DESC, i.id DESC"
	if q.Limit > 0 || q.Offset > 0 {
		query += " LIMIT ? OFFSET ?"
		args = append(args, cmp.Or(q.Limit, -1), q.Offset)
	}
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("list items: %w", err)
	}
	defer rows.Close()
	feedNames := map[int64]string{} // one string per feed, not per row
	var name sql.RawBytes
	for rows.Next() {
		var r ItemRow
		var published int64
		if err := rows.Scan(&r.ID, &r.Key, &r.FeedID, &name, &r.Title, &r.Author, &r.Link, &published, &r.Read, &r.Starred); err != nil {
			return fmt.Errorf("list items: %w", err)
		}
		if _, ok := feedNames[r.FeedID]; !ok {
			feedNames[r.FeedID] = string(name)
		}
		r.Feed = feedNames[r.FeedID]
		r.Published = fromMillis(published)
		fn(r)
	}
	return rows.Err()
}

// ItemBody is what an item holds beyond its list row.
type ItemBody struct {
	ContentHTML  string
	Summary      string
	FullTextHTML string // the readable text of its web page, once fetched
	GUID         string
	Updated      time.Time
	FetchedAt    time.Time
}

// ItemBody loads the bodies of item id, or ErrNotFound.
func (db *DB) ItemBody(ctx context.Context, id int64) (ItemBody, error) {
	return db.itemBody(ctx, "i.id = ?", id)
}

// ItemBodyByKey loads the bodies of the item with this article key, or
// ErrNotFound.
func (db *DB) ItemBodyByKey(ctx context.Context, key string) (ItemBody, error) {
	return db.itemBody(ctx, "i.key = ?", key)
}

func (db *DB) itemBody(ctx context.Context, where string, arg any) (ItemBody, error) {
	var b ItemBody
	var updated, fetched int64
	err := db.sql.QueryRowContext(ctx, `SELECT coalesce(b.content_html, ''), coalesce(b.summary, ''),
			coalesce(b.full_text_html, ''), i.guid, i.updated, i.fetched_at
		FROM items i LEFT JOIN item_bodies b ON b.item_id = i.id WHERE `+where, arg).Scan(&b.ContentHTML, &b.Summary, &b.FullTextHTML, &b.GUID, &updated, &fetched)
	if errors.Is(err, sql.ErrNoRows) {
		return ItemBody{}, fmt.Errorf("item %v: %w", arg, ErrNotFound)
	}
	if err != nil {
		return ItemBody{}, fmt.Errorf("item %v: %w", arg, err)
	}
	b.Updated, b.FetchedAt = fromMillis(updated), fromMillis(fetched)
	return b, nil
}

// SetFullText stores the readable text fetched from item id's web page,
// which the search index then holds in place of the feed's text.
func (db *DB) SetFullText(ctx context.Context, id int64, html string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO item_bodies (item_id, full_text_html)
			SELECT id, ? FROM items WHERE id = ?
			ON CONFLICT (item_id) DO UPDATE SET full_text_html = excluded.full_text_html`, html, id)
		if err := affectedOne(res, err, "store full text of item", id); err != nil {
			return err
		}
		var title, author string
		if err := tx.QueryRow(`SELECT title, author FROM items WHERE id = ?`, id).Scan(&title, &author); err != nil {
			return err
		}
		return indexItem(tx, id, title, author, searchBody("", "", html))
	})
}

// PruneItems deletes the items dated before cutoff and no longer in their
// feed since cutoff, that reader has read and no reader has starred, with
// every reader's state of them. It returns how many it deleted. Starred
// items are never pruned, and neither is an item its feed still lists (it
// would come back unread at the next fetch).
func (db *DB) PruneItems(ctx context.Context, reader string, cutoff time.Time) (int, error) {
	var n int64
	err := db.write(ctx, func(tx *sql.Tx) error {
		const doomed = `SELECT i.key FROM items i
			JOIN reading_state r ON r.reader = ? AND r.article = i.key AND r.read = 1
			WHERE i.last_seen < ? AND i.sort_time < ?
			AND NOT EXISTS (SELECT 1 FROM reading_state s WHERE s.article = i.key AND s.starred = 1)`
		if _, err := tx.Exec(`CREATE TEMP TABLE IF NOT EXISTS doomed (key TEXT PRIMARY KEY)`); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM temp.doomed`); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO temp.doomed `+doomed, reader, millis(cutoff), millis(cutoff)); err != nil {
			return err
		}
		if _, err := tx.Exec(`DELETE FROM reading_state WHERE article IN (SELECT key FROM temp.doomed)`); err != nil {
			return err
		}
		res, err := tx.Exec(`DELETE FROM items WHERE key IN (SELECT key FROM temp.doomed)`)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune items: %w", err)
	}
	return int(n), nil
}
