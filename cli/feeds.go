package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"kiosk/feed"
	"kiosk/store"
)

func (c *app) feedsCommand() *cobra.Command {
	var dbf dbFlag
	cmd := &cobra.Command{
		Use:   "feeds",
		Short: "Subscribe to feeds, list them, import and export OPML",
		Long: `Manage your subscriptions: RSS, Atom and JSON Feed. 'kiosk fetch' fetches
them and 'kiosk' with no paths reads their items.`,
		Example: `kiosk feeds add https://example.com/feed.xml
kiosk feeds add https://example.com/blog        # finds the feed the page names
kiosk feeds import subs.opml && kiosk fetch && kiosk
kiosk feeds list --json | jq -r '.[] | select(.unread > 0) | .title'
kiosk feeds export > subs.opml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	dbf.registerPersistent(cmd)
	cmd.AddCommand(c.feedsAddCommand(&dbf), c.feedsListCommand(&dbf), c.feedsRemoveCommand(&dbf),
		c.feedsImportCommand(&dbf), c.feedsExportCommand(&dbf), c.feedsSetCommand(&dbf))
	return cmd
}

func (c *app) feedsAddCommand(dbf *dbFlag) *cobra.Command {
	var folder string
	cmd := &cobra.Command{
		Use:   "add URL...",
		Short: "Subscribe to feeds",
		Long: `Subscribe to each URL: a feed (RSS, Atom, JSON Feed), or a web page that
names its feed in a <link rel="alternate">, which is subscribed instead.
Only http:// and https:// URLs. Each URL is fetched once to check it; its
items are stored by the next 'kiosk fetch'.`,
		Example: `kiosk feeds add https://example.com/feed.xml https://example.org/blog`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef(cmd, "subscribe to what? Give a feed's URL, or a web page's")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, urls []string) error {
			for _, u := range urls {
				if _, err := feed.CheckURL(u); err != nil {
					return usagef(cmd, "%v", err)
				}
			}
			ctx := cmd.Context()
			db, err := dbf.open(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			fetcher := feed.NewFetcher(feed.Config{Version: c.version()})
			failed := 0
			for _, u := range urls {
				if err := c.addFeed(ctx, db, fetcher, u, folder); err != nil {
					c.warn("%s", err)
					failed++
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d URLs not subscribed", failed, len(urls))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&folder, "folder", "", "put the feeds in this folder (as OPML outlines nest)")
	return cmd
}

// addFeed subscribes to rawURL, or to the feed the page at rawURL names.
func (c *app) addFeed(ctx context.Context, db *store.DB, fetcher *feed.Fetcher, rawURL, folder string) error {
	res := fetcher.Fetch(ctx, feed.Request{URL: rawURL})
	if res.Outcome == feed.NotAFeed && len(res.Discovered) > 0 {
		found := res.Discovered[0]
		fmt.Fprintf(c.stdout, "%s names the feed %s\n", oneLine(rawURL), oneLine(found.URL))
		rawURL = found.URL
		res = fetcher.Fetch(ctx, feed.Request{URL: rawURL})
	}
	if res.Outcome != feed.Parsed {
		if res.Outcome == feed.NotAFeed {
			return fmt.Errorf("%w; and the page names no feed in a <link rel=\"alternate\">", res.Err)
		}
		return res.Err
	}
	if res.PermanentURL != "" {
		rawURL = res.PermanentURL
	}
	f, err := db.AddFeed(ctx, store.Feed{URL: rawURL, Title: res.Feed.Title, SiteURL: res.Feed.SiteURL,
		Folder: folder, MinInterval: res.Feed.TTL})
	if errors.Is(err, store.ErrFeedExists) {
		fmt.Fprintf(c.stdout, "already subscribed: %s\n", oneLine(feedName(f)))
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "subscribed: %s (%s), %d items; 'kiosk fetch' stores them\n",
		oneLine(feedName(f)), oneLine(f.URL), len(res.Feed.Items))
	return nil
}

func feedName(f store.Feed) string {
	if strings.TrimSpace(f.Title) != "" {
		return f.Title
	}
	return f.URL
}

func (c *app) feedsListCommand(dbf *dbFlag) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Print the subscriptions, one per line",
		Long: `Print the subscriptions numbered from 1, one per line: number, title,
items, unread items, last fetch (RFC 3339, empty when never), folder, URL
and the last fetch's error (empty when it went well), separated by tabs.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, feeds, err := dbf.openFeeds(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			if asJSON {
				out := make([]feedJSON, len(feeds))
				for i, f := range feeds {
					out[i] = toFeedJSON(f, i)
				}
				return writeJSON(c.stdout, out)
			}
			var b strings.Builder
			for i, f := range feeds {
				errText := f.LastError
				if f.Disabled {
					errText = "disabled: " + errText
				}
				fmt.Fprintf(&b, "%d\t%s\t%d\t%d\t%s\t%s\t%s\t%s\n", i+1, oneLineField(feedName(f)), f.Items, f.Unread,
					timeField(f.LastFetch), oneLineField(f.Folder), oneLineField(f.URL), oneLineField(errText))
			}
			_, err = io.WriteString(c.stdout, b.String())
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, one object per feed")
	return cmd
}

// oneLineField makes untrusted text one field of a tab-separated line.
func oneLineField(s string) string {
	return strings.Join(strings.Fields(oneLine(s)), " ")
}

func timeField(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// feedJSON is one subscription in `kiosk feeds list --json`.
type feedJSON struct {
	Index     int     `json:"index"`
	Title     string  `json:"title"`
	URL       string  `json:"url"`
	SiteURL   *string `json:"site_url"`
	Folder    *string `json:"folder"`
	Items     int     `json:"items"`
	Unread    int     `json:"unread"`
	LastFetch *string `json:"last_fetch"`
	NextFetch *string `json:"next_fetch"`
	LastError *string `json:"last_error"`
	Disabled  bool    `json:"disabled"`
	FullText  string  `json:"full_text"`
}

func toFeedJSON(f store.Feed, i int) feedJSON {
	j := feedJSON{Index: i + 1, Title: feedName(f), URL: f.URL, SiteURL: nonEmpty(f.SiteURL), Folder: nonEmpty(f.Folder),
		Items: f.Items, Unread: f.Unread, LastError: nonEmpty(f.LastError), Disabled: f.Disabled, FullText: string(f.FullText)}
	j.LastFetch, j.NextFetch = nonEmpty(timeField(f.LastFetch)), nonEmpty(timeField(f.NextFetch))
	return j
}

// findFeed finds a subscription by its number in `kiosk feeds list` or its
// URL.
func findFeed(ctx context.Context, db *store.DB, ref string) (store.Feed, error) {
	if n, err := strconv.Atoi(ref); err == nil {
		feeds, err := db.Feeds(ctx, "")
		if err != nil {
			return store.Feed{}, err
		}
		if n < 1 || n > len(feeds) {
			return store.Feed{}, fmt.Errorf("no feed number %d: you have %d; 'kiosk feeds list' numbers them", n, len(feeds))
		}
		return feeds[n-1], nil
	}
	f, err := db.FeedByURL(ctx, strings.TrimSpace(ref))
	if errors.Is(err, store.ErrNotFound) {
		return store.Feed{}, fmt.Errorf("not subscribed to %s: 'kiosk feeds list' shows the feeds", oneLine(ref))
	}
	return f, err
}

func (c *app) feedsRemoveCommand(dbf *dbFlag) *cobra.Command {
	return &cobra.Command{
		Use:   "remove URL|N...",
		Short: "Unsubscribe, deleting the feed's items",
		Long: `Unsubscribe from feeds named by URL or by number in 'kiosk feeds list'. Their
stored items, with their read marks and stars, are deleted.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef(cmd, "remove which feed? Give its URL or number in 'kiosk feeds list'")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, refs []string) error {
			ctx := cmd.Context()
			db, err := dbf.open(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			// Numbers are resolved before anything is removed, so that
			// `remove 1 2` removes what the list showed as 1 and 2.
			var doomed []store.Feed
			for _, ref := range refs {
				f, err := findFeed(ctx, db, ref)
				if err != nil {
					return err
				}
				doomed = append(doomed, f)
			}
			for _, f := range doomed {
				if err := db.RemoveFeed(ctx, f.ID); err != nil {
					return err
				}
				fmt.Fprintf(c.stdout, "unsubscribed: %s\n", oneLine(feedName(f)))
			}
			return nil
		},
	}
}

func (c *app) feedsImportCommand(dbf *dbFlag) *cobra.Command {
	return &cobra.Command{
		Use:   "import FILE|-",
		Short: "Subscribe to the feeds of an OPML file",
		Long: `Subscribe to every feed an OPML file lists ('-' reads standard input).
Nested outlines become folders. Feeds already subscribed are left as they
are; outlines kiosk cannot subscribe to are skipped with the reason.`,
		Example: `kiosk feeds import subs.opml && kiosk fetch && kiosk
newsboat -e | kiosk feeds import -`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef(cmd, "import which file? Give one OPML file, or '-' for standard input")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			var r io.Reader = c.stdin
			name := "standard input"
			if args[0] != stdinPath {
				f, err := os.Open(args[0])
				if err != nil {
					return fmt.Errorf("cannot read the OPML file: %w", err)
				}
				defer f.Close()
				r, name = f, args[0]
			}
			list, err := feed.ReadOPML(io.LimitReader(r, feed.DefaultMaxBodySize))
			if err != nil {
				return fmt.Errorf("%s: %w", oneLine(name), err)
			}
			ctx := cmd.Context()
			db, err := dbf.open(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			added, known := 0, 0
			for _, s := range list.Subscriptions {
				// An outline named by its URL (as export writes a feed that
				// has no title) gives no name: the feed's own comes.
				given := s.Title != "" && s.Title != s.FeedURL
				_, err := db.AddFeed(ctx, store.Feed{URL: s.FeedURL, Title: s.Title, TitleGiven: given,
					SiteURL: s.SiteURL, Folder: s.Folder})
				switch {
				case errors.Is(err, store.ErrFeedExists):
					known++
				case err != nil:
					return err
				default:
					added++
				}
			}
			for _, s := range list.Skipped {
				c.warn("skipped %s %s: %s", s.Title, s.URL, s.Reason)
			}
			fmt.Fprintf(c.stdout, "imported %s from %s (%d subscribed already, %d skipped); 'kiosk fetch' fetches them\n",
				plural(added, "feed", "feeds"), oneLine(name), known, len(list.Skipped))
			return nil
		},
	}
}

func (c *app) feedsExportCommand(dbf *dbFlag) *cobra.Command {
	return &cobra.Command{
		Use:     "export",
		Short:   "Print the subscriptions as OPML 2.0",
		Long:    `Print every subscription as an OPML 2.0 document, folders as nested outlines.`,
		Example: `kiosk feeds export > subs.opml`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, feeds, err := dbf.openFeeds(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			list := &feed.SubscriptionList{Title: "kiosk subscriptions"}
			for _, f := range feeds {
				list.Subscriptions = append(list.Subscriptions, feed.Subscription{
					Title: feedName(f), FeedURL: f.URL, SiteURL: f.SiteURL, Folder: f.Folder})
			}
			return feed.WriteOPML(c.stdout, list)
		},
	}
}

func (c *app) feedsSetCommand(dbf *dbFlag) *cobra.Command {
	var fullText string
	cmd := &cobra.Command{
		Use:   "set URL|N --full-text auto|always|never",
		Short: "Change a feed's settings",
		Long: `Change how a feed is read. --full-text says when kiosk fetches the web page an
item links to for its whole text: auto (when the feed's text is short or
ends with a "read more" link), always, or never.`,
		Example: `kiosk feeds set https://example.com/feed.xml --full-text always`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef(cmd, "set which feed? Give one URL or number from 'kiosk feeds list'")
			}
			if !cmd.Flags().Changed("full-text") {
				return usagef(cmd, "set what? Give --full-text auto, always or never")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			mode := store.FullText(fullText)
			switch mode {
			case store.FullTextAuto, store.FullTextAlways, store.FullTextNever:
			default:
				return usagef(cmd, "--full-text %q: give auto, always or never", fullText)
			}
			ctx := cmd.Context()
			db, err := dbf.open(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			f, err := findFeed(ctx, db, args[0])
			if err != nil {
				return err
			}
			f.FullText = mode
			if err := db.EditFeed(ctx, f); err != nil {
				return err
			}
			fmt.Fprintf(c.stdout, "%s: full text %s\n", oneLine(feedName(f)), mode)
			return nil
		},
	}
	cmd.Flags().StringVar(&fullText, "full-text", "", "when to fetch an item's page for its whole text: auto, always or never")
	_ = cmd.RegisterFlagCompletionFunc("full-text", cobra.FixedCompletions([]string{"auto", "always", "never"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
