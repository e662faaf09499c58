package cli

import (
	"kiosk/feed"
	"kiosk/server"
	"kiosk/store"
)

// serveFeedsConfig is how kiosk serve fetches the operator's feeds and the
// pages their items link to. The feeds are the operator's choice, wherever
// they are; the pages are their publishers' choice, so the server fetches
// them only from public addresses unless --fetch-private-addresses.
func (c *app) serveFeedsConfig(db *store.DB, f serveFlags) server.FeedsConfig {
	feeds := feed.NewFetcher(feed.Config{Version: c.version()})
	pages := feeds
	if !f.fetchPrivate {
		pages = feed.NewFetcher(feed.Config{Version: c.version(), PublicOnly: true})
	}
	return server.FeedsConfig{DB: db, Fetcher: feeds, Pages: pages, Every: f.fetchEvery}
}
