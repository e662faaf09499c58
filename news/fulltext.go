package news

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"kiosk/feed"
	"kiosk/model"
	"kiosk/store"
)

// shortContent is the most words a feed's content may have and still be
// taken for a summary of the article on the item's page.
const shortContent = 100

// readMore matches the last paragraph of a summary that points to the rest
// of the article: "Read more", "Continue reading", "Weiterlesen", "[…]".
var readMore = regexp.MustCompile(`(?i)(read more|continue reading|keep reading|read the (full|rest|whole)|full (story|article)|weiterlesen|mehr lesen|\[(…|\.\.\.)\]|…\s*\[\d+\]$|\.\.\.\s*\[\d+\]$)`)

// NeedsFullText reports whether an item's page should be fetched for its
// text under mode: always; never; or, for auto, when the feed's content
// (else summary) is short or ends with a "read more" link.
func NeedsFullText(mode store.FullText, contentHTML, summaryHTML string) bool {
	switch mode {
	case store.FullTextAlways:
		return true
	case store.FullTextNever:
		return false
	}
	html := contentHTML
	if strings.TrimSpace(html) == "" {
		html = summaryHTML
	}
	blocks, links := model.HTMLBlocks(html, nil)
	words := 0
	for _, b := range blocks {
		words += len(strings.Fields(b.Text))
	}
	if words < shortContent {
		return true
	}
	last := blocks[len(blocks)-1].Text
	return len(links) > 0 && readMore.MatchString(last)
}

// FetchFullText fetches the page item r links to, extracts its readable
// text (model.ParsePageHTML) and stores it with the item, so that it is
// fetched once; it returns the item's article with that text. An item
// whose full text is stored already is not fetched again.
func FetchFullText(ctx context.Context, db *store.DB, fetcher *feed.Fetcher, r store.ItemRow) (*model.Article, error) {
	body, err := db.ItemBody(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	if body.FullTextHTML == "" {
		if err := fetchAndStore(ctx, db, fetcher, r.ID, r.Link); err != nil {
			return nil, err
		}
	}
	return LoadItem(ctx, db, r, true)
}

// fetchAndStore fetches one item's page and stores its readable text.
func fetchAndStore(ctx context.Context, db *store.DB, fetcher *feed.Fetcher, id int64, link string) error {
	if strings.TrimSpace(link) == "" {
		return fmt.Errorf("item %d links to no page: its feed's text is all there is", id)
	}
	page, err := fetcher.GetPage(ctx, link)
	if err != nil {
		return fmt.Errorf("full text: %w", err)
	}
	u, _ := url.Parse(page.URL)
	_, html, err := model.ParsePageHTML(page.URL, page.Body, u, page.ContentType)
	if err != nil {
		return fmt.Errorf("full text of %s: %w", link, err)
	}
	return db.SetFullText(ctx, id, html)
}

// pageJob is one item whose page FetchFeeds fetches.
type pageJob struct {
	report *FeedReport
	id     int64
	link   string
}

// fetchPages runs jobs at most feed.DefaultMaxConcurrent at once and one
// per host at a time, counting what each report got.
func fetchPages(ctx context.Context, db *store.DB, fetcher *feed.Fetcher, jobs []pageJob) {
	byHost := map[string][]pageJob{}
	for _, j := range jobs {
		host := ""
		if u, err := url.Parse(j.link); err == nil {
			host = strings.ToLower(u.Host)
		}
		byHost[host] = append(byHost[host], j)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	slots := make(chan struct{}, feed.DefaultMaxConcurrent)
	for _, queue := range byHost {
		wg.Go(func() {
			for _, j := range queue {
				slots <- struct{}{}
				err := fetchAndStore(ctx, db, fetcher, j.id, j.link)
				<-slots
				mu.Lock()
				if err != nil {
					j.report.FullTextErrors = append(j.report.FullTextErrors, err)
				} else {
					j.report.FullText++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
}

// newItemPages lists the pages to fetch for the items of parsed that were
// not stored before (before: the feed's item keys then), under the feed's
// full text mode.
func newItemPages(ctx context.Context, db *store.DB, f store.Feed, parsed *feed.Feed, before map[string]bool, rep *FeedReport) ([]pageJob, error) {
	wanted := map[string]string{} // key -> link
	for _, it := range parsed.Items {
		key := store.ItemKey(f.ID, storeItems([]feed.Item{it})[0])
		if !before[key] && NeedsFullText(f.FullText, it.Content, it.Summary) {
			wanted[key] = it.Link
		}
	}
	if len(wanted) == 0 {
		return nil, nil
	}
	rows, err := db.Items(ctx, store.ItemQuery{FeedID: f.ID})
	if err != nil {
		return nil, err
	}
	var jobs []pageJob
	for _, r := range rows {
		if link, ok := wanted[r.Key]; ok && link != "" {
			jobs = append(jobs, pageJob{report: rep, id: r.ID, link: link})
		}
	}
	return jobs, nil
}

// itemKeys is the set of the keys of feed id's stored items.
func itemKeys(ctx context.Context, db *store.DB, id int64) (map[string]bool, error) {
	rows, err := db.Items(ctx, store.ItemQuery{FeedID: id})
	if err != nil {
		return nil, err
	}
	keys := make(map[string]bool, len(rows))
	for _, r := range rows {
		keys[r.Key] = true
	}
	return keys, nil
}
