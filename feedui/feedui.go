// Package feedui gives the reader (package ui) its feed functions over the
// store and the network: listing feeds with a reader's unread counts,
// marking a feed read, fetching, and the full text of items. ui runs them
// in commands; it does no I/O itself. Local is what kiosk gives its own
// reader; Reader is the part an SSH reader gets, with a fetch the server
// decides.
package feedui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"time"

	"kiosk/feed"
	"kiosk/model"
	"kiosk/news"
	"kiosk/store"
	"kiosk/ui"
)

// DefaultEvery is how often a running reader fetches the feeds that are
// due. Each feed keeps its own schedule (30 minutes, or its ttl); this is
// only how often the reader looks.
const DefaultEvery = 5 * time.Minute

// Reader is the feed functions of one reader (st: their read marks) on
// db's feeds: the feeds view, A, and the full text of items, which only
// an item stored in db can have: its page is the link the feed gave, never
// an address the reader chose. It does not fetch feeds (Fetch is nil).
func Reader(db *store.DB, st *store.State, fetcher *feed.Fetcher) *ui.Feeds {
	return &ui.Feeds{
		List: func(ctx context.Context) ([]ui.FeedRow, error) {
			feeds, err := db.Feeds(ctx, st.Reader())
			if err != nil {
				return nil, err
			}
			rows := make([]ui.FeedRow, len(feeds))
			for i, f := range feeds {
				rows[i] = ui.FeedRow{ID: f.ID, Name: cmp.Or(f.Title, f.URL), Folder: f.Folder, Items: f.Items,
					Unread: f.Unread, LastError: f.LastError, Disabled: f.Disabled}
			}
			return rows, nil
		},
		Items: func(ctx context.Context, id int64) ([]string, error) {
			items, err := db.Items(ctx, store.ItemQuery{FeedID: id})
			if err != nil {
				return nil, err
			}
			keys := make([]string, len(items))
			for i, it := range items {
				keys[i] = it.Key
			}
			return keys, nil
		},
		MarkRead: func(ctx context.Context, id int64) (int, error) {
			n, err := st.MarkFeedRead(ctx, id)
			if err != nil {
				return 0, err
			}
			return n, st.Refresh(ctx)
		},
		TextOf: func(ctx context.Context, a *model.Article) (ui.ItemText, error) {
			return textOf(ctx, db, a.Key)
		},
		Text: func(ctx context.Context, a *model.Article, full bool) (*model.Article, error) {
			row, err := itemByKey(ctx, db, a.Key)
			if err != nil {
				return nil, err
			}
			if !full {
				return news.LoadItem(ctx, db, row, false)
			}
			return news.FetchFullText(ctx, db, fetcher, row)
		},
	}
}

// Local is Reader with fetching: r fetches every feed, and the reader
// fetches the due ones every DefaultEvery.
func Local(db *store.DB, st *store.State, fetcher *feed.Fetcher) *ui.Feeds {
	f := Reader(db, st, fetcher)
	f.Fetch = func(ctx context.Context, all bool, progress func(done, total int)) (ui.FetchResult, error) {
		return Fetch(ctx, db, fetcher, news.FetchOptions{All: all}, progress)
	}
	f.Every = DefaultEvery
	return f
}

// Fetch fetches db's feeds (every one with opt.All, or the due ones) and,
// when items arrived or changed, opens the library again with them.
func Fetch(ctx context.Context, db *store.DB, fetcher *feed.Fetcher, opt news.FetchOptions, progress func(done, total int)) (ui.FetchResult, error) {
	opt.OnFeed = func(_ news.FeedReport, done, total int) {
		if progress != nil {
			progress(done, total)
		}
	}
	reports, err := news.FetchFeeds(ctx, db, fetcher, opt)
	res := ui.FetchResult{Feeds: len(reports)}
	changed := false
	for _, r := range reports {
		res.Added += r.Added
		changed = changed || r.Change == news.Changed
		if r.Change == news.Failed {
			res.Failed++
			if res.Err == nil {
				res.Err = r.Err
			}
		}
	}
	if err != nil || !changed {
		return res, err
	}
	res.Lib, err = news.OpenLibrary(ctx, db)
	return res, err
}

// textOf says what text the stored item with this key has beyond its
// feed's; an article that is not a stored item has only its own.
func textOf(ctx context.Context, db *store.DB, key string) (ui.ItemText, error) {
	row, err := itemByKey(ctx, db, key)
	if errors.Is(err, store.ErrNotFound) {
		return ui.TextOwn, nil
	}
	if err != nil {
		return ui.TextOwn, err
	}
	body, err := db.ItemBody(ctx, row.ID)
	if err != nil {
		return ui.TextOwn, err
	}
	f, err := db.Feed(ctx, row.FeedID)
	if err != nil {
		return ui.TextOwn, err
	}
	switch {
	case body.FullTextHTML != "":
		return ui.TextFull, nil
	case row.Link == "":
		return ui.TextOwn, nil
	case f.FullText != store.FullTextNever && news.NeedsFullText(f.FullText, body.ContentHTML, body.Summary):
		return ui.TextSummary, nil
	}
	return ui.TextWhole, nil
}

// itemByKey is the stored item with this article key, or ErrNotFound.
func itemByKey(ctx context.Context, db *store.DB, key string) (store.ItemRow, error) {
	notFound := fmt.Errorf("not an item of a subscribed feed: %w", store.ErrNotFound)
	if key == "" {
		return store.ItemRow{}, notFound
	}
	rows, err := db.Items(ctx, store.ItemQuery{Key: key, Limit: 1})
	if err != nil {
		return store.ItemRow{}, err
	}
	if len(rows) == 0 {
		return store.ItemRow{}, notFound
	}
	return rows[0], nil
}
