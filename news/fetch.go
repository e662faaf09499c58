package news

import (
	"context"
	"errors"
	"fmt"
	"time"

	"kiosk/feed"
	"kiosk/store"
)

// Change says what a fetch did to one feed's items.
type Change int

const (
	Unchanged Change = iota // nothing new: a 304, or the same items again
	Changed                 // items were added or updated
	Failed                  // the fetch failed; Err says why
)

func (c Change) String() string {
	switch c {
	case Changed:
		return "changed"
	case Failed:
		return "error"
	}
	return "unchanged"
}

// FeedReport is what fetching one feed did.
type FeedReport struct {
	Feed    store.Feed // as it was before the fetch, with the title the feed gives
	Outcome feed.Outcome
	Change  Change
	Added   int // new items
	Updated int // items already stored whose content changed
	// Moved is the feed's new URL after a permanent redirect; "" if none.
	Moved string
	// Disabled is set when the server said the feed is gone (410).
	Disabled bool
	// Truncated is set when the feed arrived cut short: the whole items
	// before the cut were stored.
	Truncated bool
	// FullText counts the pages of new items fetched and stored (with
	// FetchOptions.FullText); FullTextErrors says why others were not.
	FullText       int
	FullTextErrors []error
	Err            error // why the fetch failed, with Change Failed
}

// FetchOptions tune FetchFeeds; the zero value fetches the feeds that are
// due.
type FetchOptions struct {
	// All fetches every feed not disabled, due or not, as a user asking
	// for a fetch expects; the server's Retry-After and backoff after
	// failures still hold for scheduled fetches.
	All bool
	// FullText fetches the readable text of new items whose content is
	// only a summary (see NeedsFullText), for reading offline, once the
	// feeds are stored: at most 8 pages at once and 1 per host.
	FullText bool
	// Interval is how often each feed is fetched: at least its ttl, and
	// longer after failures; 0 is feed.DefaultInterval (30 minutes).
	Interval time.Duration
	// OnFeed, when set, is called as each feed is done (stored), from one
	// goroutine at a time: done of total feeds are finished.
	OnFeed func(r FeedReport, done, total int)
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// FetchFeeds fetches the due feeds of db (every one with All) through
// fetcher, at most 8 at once and 1 per host, and stores each outcome as it
// arrives: new and changed items, the validators for the next conditional
// GET (a 304 changes nothing else), a permanent redirect's new URL, 410
// Gone disabling the feed, and when to fetch next (the feed's ttl and
// skipHours, Retry-After, backing off after failures). It returns a report
// per feed, in the order fetched. Its error is for what stopped it as a
// whole (the database); a feed that failed is a report with Change Failed.
func FetchFeeds(ctx context.Context, db *store.DB, fetcher *feed.Fetcher, opt FetchOptions) ([]FeedReport, error) {
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	feeds, err := feedsToFetch(ctx, db, opt.All, now())
	if err != nil {
		return nil, err
	}
	reqs := make([]feed.Request, len(feeds))
	for i, f := range feeds {
		reqs[i] = feed.Request{URL: f.URL, ETag: f.ETag, LastModified: f.LastModified}
	}
	reports := make([]FeedReport, len(feeds))
	var storeErr error
	var pages []pageJob
	fetcher.FetchAll(ctx, reqs, feed.RunOptions{OnResult: func(i int, res feed.Result, done, total int) {
		var before map[string]bool
		if opt.FullText && res.Outcome == feed.Parsed {
			var err error
			if before, err = itemKeys(ctx, db, feeds[i].ID); err != nil && storeErr == nil {
				storeErr = err
			}
		}
		reports[i] = record(ctx, db, feeds[i], res, now(), opt.Interval)
		if errors.Is(reports[i].Err, errStore) && storeErr == nil {
			storeErr = reports[i].Err
		}
		if before != nil && reports[i].Added > 0 {
			jobs, err := newItemPages(ctx, db, feeds[i], res.Feed, before, &reports[i])
			if err != nil && storeErr == nil {
				storeErr = err
			}
			pages = append(pages, jobs...)
		}
		if opt.OnFeed != nil {
			opt.OnFeed(reports[i], done, total)
		}
	}})
	fetchPages(ctx, db, fetcher, pages)
	return reports, storeErr
}

func feedsToFetch(ctx context.Context, db *store.DB, all bool, now time.Time) ([]store.Feed, error) {
	if !all {
		return db.DueFeeds(ctx, now)
	}
	feeds, err := db.Feeds(ctx, "")
	if err != nil {
		return nil, err
	}
	enabled := feeds[:0]
	for _, f := range feeds {
		if !f.Disabled {
			enabled = append(enabled, f)
		}
	}
	return enabled, nil
}

// errStore marks a report whose outcome could not be stored.
var errStore = errors.New("could not store the outcome")

// record stores what one fetch of f found and says what changed; the feed
// is due again after interval (see feed.NextFetch).
func record(ctx context.Context, db *store.DB, f store.Feed, res feed.Result, now time.Time, interval time.Duration) FeedReport {
	rep := FeedReport{Feed: f, Outcome: res.Outcome, Moved: res.PermanentURL}
	due := feed.Due{Interval: interval, TTL: f.MinInterval, Errors: f.ErrorCount, RetryAfter: res.RetryAfter}
	fetch := store.Fetch{At: now, ETag: res.ETag, LastModified: res.LastModified, NewURL: res.PermanentURL}
	switch {
	case res.Outcome == feed.Canceled:
		rep.Change, rep.Err = Failed, res.Err
		return rep // nothing happened: nothing to store
	case res.Failed():
		rep.Change, rep.Err = Failed, res.Err
		rep.Disabled = res.Outcome == feed.Gone
		due.Errors++
		fetch.Err, fetch.Gone = res.Err.Error(), rep.Disabled
		fetch.ETag, fetch.LastModified = f.ETag, f.LastModified
	case res.Outcome == feed.Parsed:
		parsed := res.Feed
		if parsed.Title != "" && !f.TitleGiven {
			rep.Feed.Title = parsed.Title // stored in place of the one the feed gave before
		}
		due.Errors, due.SkipHours = 0, parsed.SkipHours
		due.TTL = max(due.TTL, parsed.TTL)
		fetch.Title, fetch.SiteURL, fetch.MinInterval = parsed.Title, parsed.SiteURL, parsed.TTL
		n, err := db.UpsertItems(ctx, f.ID, storeItems(parsed.Items), now)
		if err != nil {
			rep.Change, rep.Err = Failed, fmt.Errorf("%s: %w: %w", f.URL, errStore, err)
			return rep
		}
		rep.Added, rep.Updated, rep.Truncated = n.Added, n.Updated, parsed.Truncated
		if n.Added+n.Updated > 0 {
			rep.Change = Changed
		}
	default: // 304 Not Modified
		due.Errors = 0
	}
	fetch.NextFetch = feed.NextFetch(now, due)
	if err := db.RecordFetch(ctx, f.ID, fetch); err != nil {
		rep.Change, rep.Err = Failed, fmt.Errorf("%s: %w: %w", f.URL, errStore, err)
	}
	return rep
}

// storeItems turns parsed items into the store's.
func storeItems(items []feed.Item) []store.Item {
	out := make([]store.Item, len(items))
	for i, it := range items {
		out[i] = store.Item{GUID: it.GUID, Link: it.Link, Title: it.Title, Author: it.Author,
			Published: it.Published, Updated: it.Updated, ContentHTML: it.Content, Summary: it.Summary}
	}
	return out
}
