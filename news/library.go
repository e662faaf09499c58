package news

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"kiosk/model"
	"kiosk/store"
)

// LibraryName names the library of stored items in headers and messages.
const LibraryName = "your feeds"

// OpenLibrary lists the items of every subscribed feed, newest first, as
// lazy articles (model.Lazy): a list row each, read without bodies, so a
// library of 100,000 items stays small. Opening or printing an article
// loads its body from db. The library searches the items' text in the
// store (store.DB.SearchStored). Read marks are not part of the articles:
// a store.State has them, by article Key.
func OpenLibrary(ctx context.Context, db *store.DB) (*model.Library, error) {
	return CompleteLibrary(ctx, db, nil)
}

// OpenFirstItems is OpenLibrary for the newest n items only: what a first
// frame shows, in milliseconds however many items are stored.
// CompleteLibrary then lists the rest.
func OpenFirstItems(ctx context.Context, db *store.DB, n int) (*model.Library, error) {
	return listLibrary(ctx, db, store.ItemQuery{Limit: max(n, 1)}, nil)
}

// CompleteLibrary is OpenLibrary that keeps the articles of partial (a
// library OpenFirstItems or OpenLibrary made) for the items it lists
// again, so that a reader's selection and open article stay what they
// are. partial may be nil.
func CompleteLibrary(ctx context.Context, db *store.DB, partial *model.Library) (*model.Library, error) {
	var known map[string]*model.Article
	if partial != nil {
		known = make(map[string]*model.Article, len(partial.Articles))
		for _, a := range partial.Articles {
			known[a.Key] = a
		}
	}
	return listLibrary(ctx, db, store.ItemQuery{}, known)
}

func listLibrary(ctx context.Context, db *store.DB, q store.ItemQuery, known map[string]*model.Article) (*model.Library, error) {
	lib := &model.Library{Name: LibraryName, Searcher: db}
	load := bodyLoader(db)
	err := db.EachItem(ctx, q, func(r store.ItemRow) {
		if a, ok := known[r.Key]; ok {
			lib.Articles = append(lib.Articles, a)
			return
		}
		lib.Articles = append(lib.Articles, model.Lazy(rowArticle(r), load))
	})
	if err != nil {
		return nil, err
	}
	return lib, nil
}

// bodyLoader loads the bodies of db's items, found by their key: one
// loader for a whole library.
func bodyLoader(db *store.DB) model.BodyLoader {
	return func(ctx context.Context, row *model.Article) (*model.Article, error) {
		body, err := db.ItemBodyByKey(ctx, row.Key)
		if err != nil {
			return nil, fmt.Errorf("loading the item from %s: %w", db.Path(), err)
		}
		return itemArticle(*row, body, true), nil
	}
}

func rowArticle(r store.ItemRow) model.Article {
	return model.Article{ID: r.Key, Key: r.Key, Source: r.Key, Title: r.Title, Byline: r.Author,
		Feed: r.Feed, Link: r.Link, Published: r.Published}
}

// LoadItem loads item r with its body: the readable text of its page when
// it was fetched and fullText is true, else the feed's own content, else
// its summary.
func LoadItem(ctx context.Context, db *store.DB, r store.ItemRow, fullText bool) (*model.Article, error) {
	body, err := db.ItemBody(ctx, r.ID)
	if err != nil {
		return nil, fmt.Errorf("loading the item from %s: %w", db.Path(), err)
	}
	return itemArticle(rowArticle(r), body, fullText), nil
}

func itemArticle(row model.Article, body store.ItemBody, fullText bool) *model.Article {
	html := body.ContentHTML
	switch {
	case fullText && body.FullTextHTML != "":
		html = body.FullTextHTML
	case strings.TrimSpace(html) == "":
		html = body.Summary
	}
	return model.ItemArticle(row, html, linkBase(row.Link))
}

// linkBase is the address relative links in an item resolve against: its
// link, when that is a web address.
func linkBase(link string) *url.URL {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil
	}
	return u
}
