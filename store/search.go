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
// term of q (as a word or the start of one) and every phrase, best first
// (title matches above author, above text), each with a snippet around a
// match. It makes a DB a model.Searcher for the library of stored items.
func (db *DB) SearchStored(ctx context.Context, q model.StoredQuery) ([]model.StoredMatch, error) {
	match := ftsQuery(q)
	if match == "" {
		return nil, nil
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT i.key, snippet(items_fts, 2, '', '', '…', 12)
		FROM items_fts JOIN items i ON i.id = items_fts.rowid
		WHERE items_fts MATCH ? ORDER BY bm25(items_fts, 10.0, 3.0, 1.0) LIMIT ?`, match, searchLimit)
	if err != nil {
		return nil, fmt.Errorf("search items: %w", err)
	}
	defer rows.Close()
	var out []model.StoredMatch
	for rows.Next() {
		var m model.StoredMatch
		if err := rows.Scan(&m.Key, &m.Snippet); err != nil {
			return nil, fmt.Errorf("search items: %w", err)
		}
		m.Snippet = strings.Join(strings.Fields(m.Snippet), " ")
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
