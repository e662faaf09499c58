package news

import (
	"context"
	"fmt"
	"net/url"

	"kiosk/model"
	"kiosk/store"
)

// LibraryName names the library of stored items in headers and messages.
const LibraryName = "your feeds"

// OpenLibrary lists the items of every subscribed feed, newest first, as
// lazy articles (model.Lazy): a list row each, read without bodies, so a
// library of 100,000 items opens fast and small. Opening or printing an
// article loads its body from db (LoadItem). The library searches the
// items' text in the store (store.DB.SearchStored). Read marks are not
// part of the articles: a store.State has them, by article Key.
func OpenLibrary(ctx context.Context, db *store.DB) (*model.Library, error) {
	rows, err := db.Items(ctx, store.ItemQuery{})
	if err != nil {
		return nil, err
	}
	lib := &model.Library{Name: LibraryName, Articles: make([]*model.Article, len(rows)), Searcher: db}
	for i, r := range rows {
		lib.Articles[i] = ItemRowArticle(db, r)
	}
	return lib, nil
}

// ItemRowArticle is the lazy article of a stored item: its ID and Key are
// the item's key, so that reading state stays with the item.
func ItemRowArticle(db *store.DB, r store.ItemRow) *model.Article {
	row := rowArticle(r)
	return model.Lazy(row, func(ctx context.Context) (*model.Article, error) {
		return loadItem(ctx, db, row, r.ID, true)
	})
}

func rowArticle(r store.ItemRow) model.Article {
	return model.Article{ID: r.Key, Key: r.Key, Source: r.Key, Title: r.Title, Byline: r.Author,
		Feed: r.Feed, Link: r.Link, Published: r.Published}
}

// LoadItem loads item r with its body: the readable text of its page when
// it was fetched and fullText is true, else the feed's own content, else
// its summary.
func LoadItem(ctx context.Context, db *store.DB, r store.ItemRow, fullText bool) (*model.Article, error) {
	return loadItem(ctx, db, rowArticle(r), r.ID, fullText)
}

func loadItem(ctx context.Context, db *store.DB, row model.Article, id int64, fullText bool) (*model.Article, error) {
	body, err := db.ItemBody(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("loading the item from %s: %w", db.Path(), err)
	}
	html := body.ContentHTML
	switch {
	case fullText && body.FullTextHTML != "":
		html = body.FullTextHTML
	case html == "":
		html = body.Summary
	}
	return model.ItemArticle(row, html, linkBase(row.Link)), nil
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
