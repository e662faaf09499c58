// Package store is kiosk's one database: subscriptions, their items, and
// the reading state (read, starred, place) of every article, files and
// feed items alike, per reader. It is a SQLite file (modernc.org/sqlite,
// pure Go) in WAL mode, at $XDG_DATA_HOME/kiosk/kiosk.db unless --db names
// another; the reader, CLI commands and `kiosk serve` may use it at the
// same time, and a killed process loses nothing it committed.
//
// # Opening
//
//	db, err := store.Open(ctx, path) // or store.OpenDefault(ctx)
//	defer db.Close()
//
// Open brings the schema up to date: migrations.go lists it as numbered
// migrations, run once each (PRAGMA user_version).
//
// # Feeds
//
// AddFeed subscribes, Feeds lists subscriptions with item and unread counts
// for a reader, Feed and FeedByURL find one, EditFeed changes what a user
// sets (title, folder, full text mode, minimum interval), RemoveFeed
// unsubscribes. A fetcher asks DueFeeds what to fetch, sends the stored
// ETag and LastModified, and reports each outcome with RecordFetch (new
// validators, errors counted for backoff, 410 Gone, a permanent redirect's
// new URL, the next due time it chose).
//
// # Items
//
// UpsertItems stores one fetch's items and counts what was added and
// updated: an item is the same item again by GUID, else link, else title
// and date, and a changed one is updated in place. Items lists rows
// newest first without bodies (fast for 100,000 items); ItemBody loads an
// opened item's HTML; SetFullText keeps the readable text of its page;
// PruneItems deletes old read items, never starred ones.
//
// # Reading state
//
// Every article has a Key (model.Article.Key; ItemKey for feed items)
// that never moves. db.State(ctx, reader) loads one reader's state ("" is
// the local user, an SSH key fingerprint a reader of `kiosk serve`);
// Get, MarkRead, SetStarred and SetPosition work in memory and are written
// shortly after (SaveDelay), field by field, the later change winning
// across processes. MarkFeedRead marks a whole feed. NewMemoryState keeps
// state for the process only (--no-state). Limit bounds what a server
// keeps per SSH reader.
//
// # Reading state of earlier kiosks
//
// State.ImportJSON imports an old JSON state file once (LegacyStatePath for
// the local reader, LegacyReaderFile for a server's readers) and leaves it
// in place; State.Adopt hands its entries, kept under old file-name IDs,
// to the articles of a loaded library where the name is unambiguous.
package store
