package server

import (
	"context"
	"fmt"
	"sync"
	"time"

	"kiosk/feed"
	"kiosk/feedui"
	"kiosk/news"
	"kiosk/store"
	"kiosk/ui"
)

// ReaderFetchGap is the least time between two fetches SSH readers ask
// for with r: a reader may make the server fetch the operator's feeds, but
// a hundred readers pressing r make one fetch a minute.
const ReaderFetchGap = time.Minute

// FeedsConfig is how a server serves the operator's feeds.
type FeedsConfig struct {
	DB *store.DB
	// Fetcher fetches the operator's feeds, wherever they are.
	Fetcher *feed.Fetcher
	// Pages fetches the pages items link to, for their full text. The
	// feed's publisher chose those links, so by default (nil) the server
	// connects only to public addresses (feed.Config.PublicOnly): never to
	// loopback, its private network or a cloud metadata service.
	Pages *feed.Fetcher
	// Every is how often the server fetches each feed (default
	// feed.DefaultInterval, 30 minutes): a feed's ttl may ask for less
	// often, and a failing feed backs off. The server wakes when the next
	// feed is due, and at least this often, to find feeds subscribed
	// meanwhile.
	Every time.Duration
	// ReaderGap is the least time between fetches readers ask for
	// (default ReaderFetchGap).
	ReaderGap time.Duration
}

// feedService is the server's one fetcher of the operator's feeds: on
// its schedule, and at most once per ReaderGap when readers ask.
type feedService struct {
	cfg FeedsConfig
	srv *Server

	mu       sync.Mutex
	running  bool
	lastAsk  time.Time // when a reader's r last started a fetch
	lastDone time.Time
}

// ServeFeeds makes the server serve the operator's feeds (cfg.DB's): it
// fetches the due ones on schedule until ctx ends, in this one process for
// every session, and hands each new library to every reader. Readers get
// the feeds view, A, and the full text of the operator's items; r asks the
// server to fetch every feed, at most once per ReaderGap. No reader can
// subscribe, or make the server fetch an address of their choosing. Call
// it before Serve.
func (s *Server) ServeFeeds(ctx context.Context, cfg FeedsConfig) {
	if cfg.Every <= 0 {
		cfg.Every = feed.DefaultInterval
	}
	if cfg.ReaderGap <= 0 {
		cfg.ReaderGap = ReaderFetchGap
	}
	if cfg.Pages == nil {
		cfg.Pages = feed.NewFetcher(feed.Config{PublicOnly: true})
	}
	svc := &feedService{cfg: cfg, srv: s}
	s.feeds = svc
	go svc.follow(ctx)
}

// leastWait is the shortest the server waits between two looks for due
// feeds (or cfg.Every, when shorter), so that a feed due again at once
// cannot keep it fetching.
const leastWait = 10 * time.Second

// follow fetches the due feeds at once, and again whenever the next one
// is due, looking at least every cfg.Every.
func (f *feedService) follow(ctx context.Context) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		}
		if _, err := f.fetch(ctx, false, false, nil); err != nil && ctx.Err() == nil {
			f.srv.log.Warn("fetching the feeds", "err", err)
		}
		timer.Reset(f.untilDue(ctx))
	}
}

// untilDue is how long to wait before the next feed is due: between
// leastWait and cfg.Every.
func (f *feedService) untilDue(ctx context.Context) time.Duration {
	wait := f.cfg.Every
	next, ok, err := f.cfg.DB.NextDue(ctx)
	if err == nil && ok {
		wait = min(wait, time.Until(next))
	}
	return max(wait, min(leastWait, f.cfg.Every))
}

// fetch fetches the feeds (every one, or the due ones) unless a fetch is
// under way, or a reader asks too soon after the last one; what arrived
// goes to every session as a library update.
func (f *feedService) fetch(ctx context.Context, all, byReader bool, progress func(done, total int)) (ui.FetchResult, error) {
	f.mu.Lock()
	switch {
	case f.running:
		f.mu.Unlock()
		return ui.FetchResult{}, fmt.Errorf("the server is fetching the feeds already; new items show as they arrive")
	case byReader && time.Since(f.lastAsk) < f.cfg.ReaderGap:
		wait := f.cfg.ReaderGap - time.Since(f.lastAsk)
		f.mu.Unlock()
		return ui.FetchResult{}, fmt.Errorf("the feeds were fetched moments ago; ask again in %s (the server fetches every %s by itself)",
			wait.Round(time.Second), interval(f.cfg.Every))
	}
	f.running = true
	if byReader {
		f.lastAsk = time.Now()
	}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.running, f.lastDone = false, time.Now()
		f.mu.Unlock()
	}()
	res, err := feedui.Fetch(ctx, f.cfg.DB, f.cfg.Fetcher, news.FetchOptions{All: all, Interval: f.cfg.Every}, progress)
	if res.Lib != nil {
		f.srv.Update(ui.DiffLibraries(f.srv.lib.Load(), res.Lib))
		res.Lib = nil // it reaches every reader as an update
	}
	return res, err
}

// readerFeeds are the feed functions of one SSH reader: the operator's
// feeds with this reader's read marks, and r asking the server to fetch.
func (s *Server) readerFeeds(st *store.State) *ui.Feeds {
	f := s.feeds
	if f == nil {
		return nil
	}
	feeds := feedui.Reader(f.cfg.DB, st, f.cfg.Pages)
	feeds.Waiting = fmt.Sprintf("The server fetches them when it starts and every %s: items show here as they arrive, and r asks it to fetch now.",
		interval(f.cfg.Every))
	feeds.Fetch = func(ctx context.Context, _ bool, progress func(done, total int)) (ui.FetchResult, error) {
		return f.fetch(ctx, true, true, progress)
	}
	return feeds
}

// interval says a fetch interval as people do: "30 minutes", "2 hours".
func interval(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return plural(int(d/time.Hour), "hour")
	case d >= time.Minute && d%time.Minute == 0:
		return plural(int(d/time.Minute), "minute")
	}
	return d.String()
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
