package store

import (
	"context"
	"database/sql"
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
// most searchLimit in all, each with its searchable text for a snippet. It
// makes a DB a model.Searcher for the library of stored items.
//
// Newest first, not by a relevance score: FTS5 walks its index in rowid
// order and stops at the limit, so a word in 10,000 items costs what a
// rare one does; scoring them all (bm25) took 30 to 250 ms on 100,000
// items, this takes a few.
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
		found, err := db.searchNewest(ctx, m, searchLimit)
		if err != nil {
			return nil, fmt.Errorf("search items: %w", err)
		}
		for _, f := range found {
			if !seen[f.Key] && len(out) < searchLimit {
				seen[f.Key] = true
				out = append(out, f)
			}
		}
	}
	return out, nil
}

// searchNewest lists the newest limit items that match, with their text.
func (db *DB) searchNewest(ctx context.Context, match string, limit int) ([]model.StoredMatch, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT i.key, f.title, f.author, f.body
		FROM items_fts f JOIN items i ON i.id = f.rowid
		WHERE items_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`, match, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []model.StoredMatch
	for rows.Next() {
		var m model.StoredMatch
		var title, author, body string
		if err := rows.Scan(&m.Key, &title, &author, &body); err != nil {
			return nil, err
		}
		m.Text = body + "\n" + title + "\n" + author
		out = append(out, m)
	}
	return out, rows.Err()
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
