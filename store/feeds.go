package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// FullText says when the readable text of an item's web page is fetched.
type FullText string

const (
	// FullTextAuto fetches the page when the feed gives only a summary.
	FullTextAuto FullText = "auto"
	// FullTextAlways fetches the page for every item.
	FullTextAlways FullText = "always"
	// FullTextNever keeps what the feed gives.
	FullTextNever FullText = "never"
)

// Feed is one subscription with what the last fetches left.
type Feed struct {
	ID    int64
	URL   string // where it is fetched; updated by a permanent redirect
	Title string
	// TitleGiven says Title is the name the subscriber gave (from OPML):
	// fetches keep it. Otherwise each fetch stores the feed's own title.
	TitleGiven bool
	SiteURL    string
	Folder     string // from OPML outlines; "" for none

	// Conditional GET validators from the last 200 response.
	ETag         string
	LastModified string

	LastFetch  time.Time // zero: never fetched
	NextFetch  time.Time // due at or after this; zero: due now
	LastError  string    // "" when the last fetch went well
	ErrorCount int       // fetches failed in a row, for backing off
	Disabled   bool      // the server said 410 Gone: never fetched again

	FullText    FullText
	MinInterval time.Duration // the feed's ttl or skip hours: fetch no more often

	Added time.Time

	// Items and Unread are counted by Feeds for its reader; zero elsewhere.
	Items  int
	Unread int
}

// ErrNotFound is returned when no feed or item has the ID or URL given.
var ErrNotFound = errors.New("not found")

// ErrFeedExists is returned by AddFeed for a URL already subscribed.
var ErrFeedExists = errors.New("already subscribed")

const feedColumns = `f.id, f.url, f.title, f.site_url, f.folder, f.etag, f.last_modified,
	f.last_fetch, f.next_fetch, f.last_error, f.error_count, f.disabled,
	f.full_text, f.min_interval, f.added, f.title_given`

func scanFeed(row interface{ Scan(...any) error }, extra ...any) (Feed, error) {
	var f Feed
	var lastFetch, nextFetch, minInterval, added int64
	dest := []any{&f.ID, &f.URL, &f.Title, &f.SiteURL, &f.Folder, &f.ETag, &f.LastModified,
		&lastFetch, &nextFetch, &f.LastError, &f.ErrorCount, &f.Disabled,
		&f.FullText, &minInterval, &added, &f.TitleGiven}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return Feed{}, err
	}
	f.LastFetch, f.NextFetch, f.Added = fromMillis(lastFetch), fromMillis(nextFetch), fromMillis(added)
	f.MinInterval = time.Duration(minInterval) * time.Second
	return f, nil
}

// AddFeed subscribes to f.URL with f's title, site URL, folder, full text
// mode and minimum interval, and returns the feed as stored, due at once.
// A URL already subscribed returns that feed and ErrFeedExists.
func (db *DB) AddFeed(ctx context.Context, f Feed) (Feed, error) {
	if strings.TrimSpace(f.URL) == "" {
		return Feed{}, errors.New("add feed: no URL given")
	}
	if f.FullText == "" {
		f.FullText = FullTextAuto
	}
	if err := f.FullText.check(); err != nil {
		return Feed{}, err
	}
	res, err := db.exec(ctx,
		`INSERT INTO feeds (url, title, title_given, site_url, folder, full_text, min_interval, added)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING`,
		f.URL, f.Title, f.TitleGiven && strings.TrimSpace(f.Title) != "", f.SiteURL, f.Folder, f.FullText,
		int64(f.MinInterval/time.Second), millis(db.now()))
	if err != nil {
		return Feed{}, fmt.Errorf("add feed %s: %w", f.URL, err)
	}
	stored, err := db.FeedByURL(ctx, f.URL)
	if err != nil {
		return Feed{}, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return stored, ErrFeedExists
	}
	return stored, nil
}

func (m FullText) check() error {
	switch m {
	case FullTextAuto, FullTextAlways, FullTextNever:
		return nil
	}
	return fmt.Errorf("full text mode %q: want auto, always or never", string(m))
}

// Feeds lists every subscription, by folder then title, with its item count
// and how many of its items reader has not read.
func (db *DB) Feeds(ctx context.Context, reader string) ([]Feed, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+feedColumns+`,
			(SELECT count(*) FROM items i WHERE i.feed_id = f.id),
			(SELECT count(*) FROM items i LEFT JOIN reading_state r ON r.reader = ? AND r.article = i.key
				WHERE i.feed_id = f.id AND coalesce(r.read, 0) = 0)
		FROM feeds f ORDER BY f.folder, lower(f.title), f.url`, reader)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	defer rows.Close()
	var feeds []Feed
	for rows.Next() {
		var items, unread int
		f, err := scanFeed(rows, &items, &unread)
		if err != nil {
			return nil, fmt.Errorf("list feeds: %w", err)
		}
		f.Items, f.Unread = items, unread
		feeds = append(feeds, f)
	}
	return feeds, rows.Err()
}

// Feed returns the feed with this ID, or ErrNotFound.
func (db *DB) Feed(ctx context.Context, id int64) (Feed, error) {
	f, err := scanFeed(db.sql.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds f WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Feed{}, fmt.Errorf("feed %d: %w", id, ErrNotFound)
	}
	return f, err
}

// FeedByURL returns the feed subscribed at url, or ErrNotFound.
func (db *DB) FeedByURL(ctx context.Context, url string) (Feed, error) {
	f, err := scanFeed(db.sql.QueryRowContext(ctx, `SELECT `+feedColumns+` FROM feeds f WHERE f.url = ?`, url))
	if errors.Is(err, sql.ErrNoRows) {
		return Feed{}, fmt.Errorf("feed %s: %w", url, ErrNotFound)
	}
	return f, err
}

// DueFeeds returns the feeds to fetch at now: not disabled, and due.
func (db *DB) DueFeeds(ctx context.Context, now time.Time) ([]Feed, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+feedColumns+` FROM feeds f
		WHERE f.disabled = 0 AND f.next_fetch <= ? ORDER BY f.next_fetch, f.id`, millis(now))
	if err != nil {
		return nil, fmt.Errorf("due feeds: %w", err)
	}
	defer rows.Close()
	var feeds []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("due feeds: %w", err)
		}
		feeds = append(feeds, f)
	}
	return feeds, rows.Err()
}

// NextDue is when the first feed not disabled is due (zero: one is due
// now, or has never been fetched); ok is false when there is none.
func (db *DB) NextDue(ctx context.Context) (next time.Time, ok bool, err error) {
	var at sql.NullInt64
	if err := db.sql.QueryRowContext(ctx, `SELECT min(next_fetch) FROM feeds WHERE disabled = 0`).Scan(&at); err != nil {
		return time.Time{}, false, fmt.Errorf("next due feed: %w", err)
	}
	if !at.Valid {
		return time.Time{}, false, nil
	}
	return fromMillis(at.Int64), true, nil
}

// EditFeed changes what a user may set on a feed: title, site URL, folder,
// full text mode and minimum interval (f.ID names the feed).
func (db *DB) EditFeed(ctx context.Context, f Feed) error {
	if err := f.FullText.check(); err != nil {
		return err
	}
	res, err := db.exec(ctx, `UPDATE feeds SET title = ?, site_url = ?, folder = ?,
		full_text = ?, min_interval = ? WHERE id = ?`,
		f.Title, f.SiteURL, f.Folder, f.FullText, int64(f.MinInterval/time.Second), f.ID)
	return affectedOne(res, err, "edit feed", f.ID)
}

// RemoveFeed unsubscribes: the feed, its items and every reader's state of
// them are deleted.
func (db *DB) RemoveFeed(ctx context.Context, id int64) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM reading_state WHERE article IN (SELECT key FROM items WHERE feed_id = ?)`, id); err != nil {
			return err
		}
		res, err := tx.Exec(`DELETE FROM feeds WHERE id = ?`, id)
		return affectedOne(res, err, "remove feed", id)
	})
}

func affectedOne(res sql.Result, err error, what string, id int64) error {
	if err != nil {
		return fmt.Errorf("%s %d: %w", what, id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("%s %d: %w", what, id, ErrNotFound)
	}
	return nil
}

// Fetch is what one fetch of a feed found, for RecordFetch.
type Fetch struct {
	At        time.Time
	NextFetch time.Time // when it is due again; the fetcher decides (backoff, ttl, Retry-After)

	// Err is why the fetch failed, "" when it went well. A failure
	// counts up ErrorCount and keeps everything else; a success resets it.
	Err string

	// On success: validators for the next conditional GET (a 304 keeps
	// the old ones by passing them again), and the feed's own title and
	// site, stored when not empty (the title only when the subscriber gave
	// none: Feed.TitleGiven).
	ETag, LastModified string
	Title, SiteURL     string
	MinInterval        time.Duration // from ttl/skipHours; 0 keeps the stored one

	// NewURL, when set, replaces the feed's URL (a permanent redirect),
	// unless another subscription has it already.
	NewURL string
	// Gone disables the feed (410 Gone).
	Gone bool
}

// RecordFetch stores what a fetch of feed id found.
func (db *DB) RecordFetch(ctx context.Context, id int64, f Fetch) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		var res sql.Result
		var err error
		if f.Err != "" {
			res, err = tx.Exec(`UPDATE feeds SET last_fetch = ?, next_fetch = ?, last_error = ?,
				error_count = error_count + 1, disabled = disabled OR ? WHERE id = ?`,
				millis(f.At), millis(f.NextFetch), f.Err, f.Gone, id)
		} else {
			res, err = tx.Exec(`UPDATE feeds SET last_fetch = ?, next_fetch = ?, last_error = '',
				error_count = 0, disabled = disabled OR ?, etag = ?, last_modified = ?,
				title = CASE WHEN ? = '' OR title_given THEN title ELSE ? END,
				site_url = CASE WHEN ? = '' THEN site_url ELSE ? END,
				min_interval = CASE WHEN ? = 0 THEN min_interval ELSE ? END
				WHERE id = ?`,
				millis(f.At), millis(f.NextFetch), f.Gone, f.ETag, f.LastModified,
				f.Title, f.Title, f.SiteURL, f.SiteURL,
				int64(f.MinInterval/time.Second), int64(f.MinInterval/time.Second), id)
		}
		if err := affectedOne(res, err, "record fetch of feed", id); err != nil {
			return err
		}
		if f.NewURL == "" {
			return nil
		}
		if _, err := tx.Exec(`UPDATE OR IGNORE feeds SET url = ? WHERE id = ?`, f.NewURL, id); err != nil {
			return fmt.Errorf("feed %d moved to %s: %w", id, f.NewURL, err)
		}
		return nil
	})
}
