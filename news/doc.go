// Package news joins feeds to the store and the store to the reader: it
// fetches the subscribed feeds and stores what they hold (FetchFeeds), turns
// stored items into the articles of a library whose bodies load when opened
// (OpenLibrary), and fetches the readable text of the pages that items
// link to (FullText). It holds no state of its own: everything lives in
// the store, and every function takes the store and fetcher it uses.
//
// # For the reader and the server
//
//	lib, err := news.OpenLibrary(ctx, db) // the items, newest first
//	reports, err := news.FetchFeeds(ctx, db, fetcher, news.FetchOptions{
//		OnFeed: func(r news.FeedReport, done, total int) { ... }, // progress
//	})
//
// A lazy article's body is loaded by article.Load(ctx), which a render
// cache does in its own goroutine; LoadItem loads one with or without the
// stored full text (for a key that switches between them).
package news
