package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"kiosk/model"
)

// searchBody is what the search index holds of an item's text: the
// readable text of its page when fetched, else its content, else its
// summary.
func searchBody(content, summary, fullText string) string {
	switch {
	case fullText != "":
		return itemText(fullText)
	case content != "":
		return itemText(content)
	}
	return itemText(summary)
}

// indexItem puts item id's text in the search index, in place of what it
// held.
func indexItem(tx *sql.Tx, id int64, title, author, body string) error {
	if _, err := tx.Exec(`DELETE FROM items_fts WHERE rowid = ?`, id); err != nil {
		return err
	}
	_, err := tx.Exec(`INSERT INTO items_fts (rowid, title, author, body) VALUES (?, ?, ?, ?)`, id, title, author, body)
	return err
}

// searchLimit bounds the items one search returns: ranking every match of
// a common word among 100,000 items would make typing wait, and nobody
// reads past the first screens of results.
const searchLimit = 500

// SearchStored finds the items whose title, author or text holds every
// term of q (as a word or the start of one) and every phrase: those with
// every term in the title first, then the rest, each newest first, at
// most searchLimit in all. It makes a DB a model.Searcher for the library
// of stored items; StoredText gives a found item's text for its snippet.
//
// Newest first, not by a relevance score: FTS5 walks its index in rowid
// order and stops at the limit, so a word in 10,000 items costs what a
// rare one does; scoring them all (bm25) took 30 to 250 ms on 100,000
// items, this takes a few. Only keys are read: reading the text of every
// match took three quarters of a search's time and most of its garbage.
func (db *DB) SearchStored(ctx context.Context, q model.StoredQuery) ([]model.StoredMatch, error) {
	match := ftsQuery(q)
	if match == "" {
		return nil, nil
	}
	var out []model.StoredMatch
	seen := map[string]bool{}
	for _, m := range []string{"title : (" + match + ")", match} {
		if len(out) >= searchLimit {
			break
		}
		err := db.searchNewest(ctx, m, searchLimit, func(key string) {
			if !seen[key] && len(out) < searchLimit {
				seen[key] = true
				out = append(out, model.StoredMatch{Key: key})
			}
		})
		if err != nil {
			return nil, fmt.Errorf("search items: %w", err)
		}
	}
	return out, nil
}

// searchNewest calls fn with the keys of the newest limit items that
// match.
func (db *DB) searchNewest(ctx context.Context, match string, limit int, fn func(key string)) error {
	rows, err := db.sql.QueryContext(ctx, `SELECT i.key FROM items_fts f JOIN items i ON i.id = f.rowid
		WHERE items_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`, match, limit)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			return err
		}
		fn(key)
	}
	return rows.Err()
}

// StoredText returns the searchable text of the item with this article
// key: its body's text, then its title and author, one to a line.
func (db *DB) StoredText(ctx context.Context, key string) (string, error) {
	var title, author, body string
	err := db.sql.QueryRowContext(ctx, `SELECT f.title, f.author, f.body
		FROM items i JOIN items_fts f ON f.rowid = i.id WHERE i.key = ?`, key).Scan(&title, &author, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("the text of item %s: %w", key, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("the text of item %s: %w", key, err)
	}
	return body + "\n" + title + "\n" + author, nil
}

// ftsQuery writes q in FTS5's query language: each term a quoted prefix,
// each phrase a quoted phrase whose last word is a prefix, all of them
// required. Terms are runs of letters and digits (model folds them so), so
// quoting is all the escaping they need.
func ftsQuery(q model.StoredQuery) string {
	var parts []string
	for _, t := range append(q.Terms, q.Phrases...) {
		t = strings.TrimSpace(strings.ReplaceAll(t, `"`, `""`))
		if t != "" {
			parts = append(parts, `"`+t+`"*`)
		}
	}
	return strings.Join(parts, " AND ")
}
