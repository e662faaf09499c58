package cli

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"kiosk/feed"
	"kiosk/news"
)

// fetchFailedError makes `kiosk fetch` exit 1 when a feed failed, after
// every feed's line and reason are printed.
type fetchFailedError struct{ failed, total int }

func (e *fetchFailedError) Error() string {
	return fmt.Sprintf("%d of %d feeds failed; the reasons are above, 'kiosk feeds list' keeps the last one", e.failed, e.total)
}

func (c *app) fetchCommand() *cobra.Command {
	var dbf dbFlag
	var asJSON, all, fullText bool
	var keepDays int
	cmd := &cobra.Command{
		Use:   "fetch",
		Short: "Fetch the subscribed feeds and store their items",
		Long: `Fetch every subscribed feed that is due (every 30 minutes, or as the feed
asks; feeds that fail back off) and store their items for reading offline.
A feed that has not changed costs one conditional request. Prints one line
per feed: changed (with how many items were added and updated), unchanged,
or error with the reason.

At most 8 feeds are fetched at once, and one per host. --full-text fetches
the web page of each new item whose feed gives only a summary and stores its
readable text. --keep DAYS deletes read items older than DAYS that the feed
no longer lists; starred items are always kept.

Exits with status 1 when any feed failed.`,
		Example: `kiosk fetch
kiosk fetch --all --full-text
kiosk fetch --json | jq -r '.[] | select(.change == "error") | .error'
kiosk fetch --keep 30`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if keepDays < 0 {
				return usagef(cmd, "--keep %d: give a number of days, 1 or more", keepDays)
			}
			ctx := cmd.Context()
			db, feeds, err := dbf.openFeeds(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			if len(feeds) == 0 {
				return errors.New("no feeds to fetch: subscribe with 'kiosk feeds add URL' or 'kiosk feeds import FILE' first")
			}
			fetcher := feed.NewFetcher(feed.Config{Version: c.version()})
			opt := news.FetchOptions{All: all, FullText: fullText}
			if !asJSON {
				opt.OnFeed = func(r news.FeedReport, _, _ int) { fmt.Fprintln(c.stdout, reportLine(r)) }
			}
			reports, err := news.FetchFeeds(ctx, db, fetcher, opt)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]fetchJSON, len(reports))
				for i, r := range reports {
					out[i] = toFetchJSON(r)
				}
				if err := writeJSON(c.stdout, out); err != nil {
					return err
				}
			} else if len(reports) == 0 {
				fmt.Fprintf(c.stdout, "no feed is due yet; 'kiosk fetch --all' fetches all %d now\n", len(feeds))
			} else {
				for _, r := range reports {
					if line := fullTextLine(r); line != "" {
						fmt.Fprintln(c.stdout, line)
					}
				}
			}
			if keepDays > 0 {
				n, err := db.PruneItems(ctx, "", time.Now().AddDate(0, 0, -keepDays))
				if err != nil {
					return err
				}
				if !asJSON {
					fmt.Fprintf(c.stdout, "deleted %s read more than %d days ago\n", plural(n, "item", "items"), keepDays)
				}
			}
			failed := 0
			for _, r := range reports {
				if r.Change == news.Failed {
					failed++
				}
			}
			if failed > 0 {
				return &fetchFailedError{failed: failed, total: len(reports)}
			}
			return nil
		},
	}
	dbf.register(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, one object per feed fetched")
	cmd.Flags().BoolVarP(&all, "all", "a", false, "fetch every feed now, due or not")
	cmd.Flags().BoolVar(&fullText, "full-text", false, "fetch and store the web page text of new items that have only a summary")
	cmd.Flags().IntVar(&keepDays, "keep", 0, "delete read, unstarred items older than this many days")
	return cmd
}

// reportLine is one feed's line in `kiosk fetch`: what changed, the feed,
// and why it failed.
func reportLine(r news.FeedReport) string {
	name := oneLineField(feedName(r.Feed))
	switch r.Change {
	case news.Failed:
		return fmt.Sprintf("error\t%s\t%s", name, oneLineField(r.Err.Error()))
	case news.Changed:
		var parts []string
		if r.Added > 0 {
			parts = append(parts, fmt.Sprintf("%d new", r.Added))
		}
		if r.Updated > 0 {
			parts = append(parts, fmt.Sprintf("%d updated", r.Updated))
		}
		if r.Moved != "" {
			parts = append(parts, "moved to "+oneLineField(r.Moved))
		}
		return fmt.Sprintf("changed\t%s\t%s", name, strings.Join(parts, ", "))
	}
	note := r.Outcome.String()
	if r.Moved != "" {
		note += ", moved to " + oneLineField(r.Moved)
	}
	return fmt.Sprintf("unchanged\t%s\t%s", name, note)
}

// fullTextLine says what --full-text did for one feed's new items, once
// every feed is fetched: "" when it fetched nothing.
func fullTextLine(r news.FeedReport) string {
	if r.FullText == 0 && len(r.FullTextErrors) == 0 {
		return ""
	}
	line := fmt.Sprintf("full text\t%s\t%s stored", oneLineField(feedName(r.Feed)), plural(r.FullText, "page", "pages"))
	if n := len(r.FullTextErrors); n > 0 {
		line += fmt.Sprintf(", %d not: %s", n, oneLineField(r.FullTextErrors[0].Error()))
	}
	return line
}

// fetchJSON is one feed in `kiosk fetch --json`.
type fetchJSON struct {
	Title    string `json:"title"`
	URL      string `json:"url"`
	Change   string `json:"change"`
	Outcome  string `json:"outcome"`
	Added    int    `json:"added"`
	Updated  int    `json:"updated"`
	FullText int    `json:"full_text"`
	// FullTextErrors say why pages of new items were not stored.
	FullTextErrors []string `json:"full_text_errors"`
	Moved          *string  `json:"moved_to"`
	Disabled       bool     `json:"disabled"`
	Error          *string  `json:"error"`
}

func toFetchJSON(r news.FeedReport) fetchJSON {
	j := fetchJSON{Title: feedName(r.Feed), URL: r.Feed.URL, Change: r.Change.String(), Outcome: r.Outcome.String(),
		Added: r.Added, Updated: r.Updated, FullText: r.FullText, Moved: nonEmpty(r.Moved), Disabled: r.Disabled}
	if r.Err != nil {
		j.Error = nonEmpty(r.Err.Error())
	}
	j.FullTextErrors = []string{}
	for _, err := range r.FullTextErrors {
		j.FullTextErrors = append(j.FullTextErrors, err.Error())
	}
	return j
}
