package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"kiosk/feed"
	"kiosk/model"
	"kiosk/news"
	"kiosk/seeds"
	"kiosk/store"
)

// seedsName names the built-in library in headers and messages.
const seedsName = "kiosk seeds"

// loadLibrary reads the articles at paths, or with none the library of db
// (the items of the subscribed feeds; the built-in articles while there
// are none, or db is nil), and warns on standard error about each file it
// skipped. When nothing loads, the error alone names the files and why.
func (c *app) loadLibrary(ctx context.Context, paths []string, db *store.DB) (*model.Library, error) {
	lib, err := c.readLibrary(ctx, paths, db, nil)
	if err != nil {
		return nil, err
	}
	c.warnSkipped(lib.Skipped)
	return lib, nil
}

// loadArgsLibrary is loadLibrary for commands that take files or, with
// none, read the library of the database --db names (or the default one,
// when there is one yet). Call done when finished with the library: it
// closes the database.
func (c *app) loadArgsLibrary(ctx context.Context, dbf *dbFlag, paths []string) (lib *model.Library, done func(), err error) {
	var db *store.DB
	if len(paths) == 0 {
		if db, err = dbf.openExisting(ctx); err != nil {
			return nil, nil, err
		}
	}
	if lib, err = c.loadLibrary(ctx, paths, db); err != nil {
		closeDB(db)
		return nil, nil, err
	}
	return lib, func() { closeDB(db) }, nil
}

// readLibrary loads without warning: the reader shows skipped files itself.
// The error says what was wrong whenever no article loaded.
func (c *app) readLibrary(ctx context.Context, paths []string, db *store.DB, progress func(done, total int)) (*model.Library, error) {
	switch {
	case len(paths) == 0:
		return c.homeLibrary(ctx, db)
	case slices.Equal(paths, []string{stdinPath}):
		return c.readStdin()
	case slices.Contains(paths, stdinPath):
		return nil, &usageError{cmd: "kiosk", err: errors.New("'-' reads one article from standard input and cannot be combined with other paths")}
	}
	files, documents := splitDocuments(paths)
	if len(documents) == 0 {
		return model.LoadPaths(files, progress)
	}
	return c.readDocuments(ctx, files, documents, progress)
}

// homeLibrary is what kiosk opens with no paths: the items of the
// subscribed feeds, or the built-in articles while nothing is subscribed.
func (c *app) homeLibrary(ctx context.Context, db *store.DB) (*model.Library, error) {
	if db == nil {
		return model.LoadFS(seeds.FS, seedsName)
	}
	lib, err := news.OpenLibrary(ctx, db)
	if err != nil {
		return nil, err
	}
	if len(lib.Articles) > 0 {
		return lib, nil
	}
	return c.withoutItems(ctx, db, lib)
}

// withoutItems is the home library when db holds no items (lib, empty):
// the built-in articles while nothing is subscribed, else lib and an error
// that says to fetch.
func (c *app) withoutItems(ctx context.Context, db *store.DB, lib *model.Library) (*model.Library, error) {
	feeds, err := db.Feeds(ctx, "")
	if err != nil {
		return nil, err
	}
	if len(feeds) == 0 {
		return model.LoadFS(seeds.FS, seedsName)
	}
	return lib, fmt.Errorf("your %s no items yet: run 'kiosk fetch' to fetch them", plural(len(feeds), "feed has", "feeds have"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// isURL reports whether a path is a web address, which kiosk fetches
// instead of opening.
func isURL(p string) bool {
	lower := strings.ToLower(p)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// feedFileExts name the files read as feeds when given as paths.
var feedFileExts = []string{".xml", ".rss", ".atom", ".rdf", ".json", ".feed"}

// splitDocuments separates the paths model loads (files and folders of
// articles) from the documents kiosk reads itself: web addresses, and feed
// files named directly.
func splitDocuments(paths []string) (files, documents []string) {
	for _, p := range paths {
		if isURL(p) || isFeedFile(p) {
			documents = append(documents, p)
		} else {
			files = append(files, p)
		}
	}
	return files, documents
}

func isFeedFile(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular() && slices.Contains(feedFileExts, strings.ToLower(filepath.Ext(p)))
}

// readDocuments loads files as LoadPaths does and adds the articles of each
// document, read once without subscribing: a feed's items, or a page's
// readable text. A document that cannot be read is skipped with the reason.
func (c *app) readDocuments(ctx context.Context, files, documents []string, progress func(done, total int)) (*model.Library, error) {
	lib := &model.Library{}
	if len(files) > 0 {
		var err error
		if lib, err = model.LoadPaths(files, progress); err != nil && (lib == nil || len(lib.Skipped) == 0) {
			return nil, err
		}
	}
	fetcher := feed.NewFetcher(feed.Config{Version: c.version()})
	var names []string
	for _, d := range documents {
		articles, name, err := c.readDocument(ctx, fetcher, d)
		if err != nil {
			lib.Skipped = append(lib.Skipped, model.Skipped{Path: d, Reason: err.Error()})
			continue
		}
		lib.Articles = append(lib.Articles, articles...)
		names = append(names, name)
	}
	if len(files) == 0 && len(names) > 0 {
		lib.Name = strings.Join(names, ", ")
	}
	uniqueIDs(lib.Articles)
	if len(lib.Articles) == 0 {
		return lib, noArticles(lib.Skipped)
	}
	return lib, nil
}

func (c *app) readDocument(ctx context.Context, fetcher *feed.Fetcher, d string) ([]*model.Article, string, error) {
	if isURL(d) {
		if _, err := feed.CheckURL(d); err != nil {
			return nil, "", err
		}
		return news.ReadURL(ctx, fetcher, d)
	}
	data, err := readFileLimited(d)
	if err != nil {
		return nil, "", err
	}
	return news.ReadDocument(data, "", d)
}

func readFileLimited(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, feed.DefaultMaxBodySize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > feed.DefaultMaxBodySize {
		return nil, fmt.Errorf("larger than %d MiB: not a feed kiosk reads", feed.DefaultMaxBodySize>>20)
	}
	return data, nil
}

// uniqueIDs gives articles read from several documents IDs that differ.
func uniqueIDs(articles []*model.Article) {
	taken := map[string]bool{}
	for _, a := range articles {
		base := a.ID
		for n := 2; taken[a.ID]; n++ {
			a.ID = fmt.Sprintf("%s-%d", base, n)
		}
		taken[a.ID] = true
	}
}

// noArticles says why nothing loaded: each document and file skipped.
func noArticles(skipped []model.Skipped) error {
	var reasons []string
	for _, s := range skipped {
		reasons = append(reasons, model.EscapeName(s.Path)+": "+oneLine(s.Reason))
	}
	return fmt.Errorf("no articles to read: %s", strings.Join(reasons, "; "))
}

// stdinPath as the only PATH reads one article from standard input, as
// `cat story.txt | kiosk show 1 -` or `curl -s URL | kiosk -`.
const stdinPath = "-"

func (c *app) readStdin() (*model.Library, error) {
	if _, ok := terminal(c.stdin); ok {
		return nil, &usageError{cmd: "kiosk", err: errors.New("'-' reads an article from standard input, which is a terminal: pipe one in, as in 'kiosk - < story.txt'")}
	}
	data, err := io.ReadAll(io.LimitReader(c.stdin, model.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read standard input: %w", err)
	}
	if len(data) > model.MaxFileSize {
		return nil, fmt.Errorf("standard input is larger than %d MiB: not a news article; save it to a file if it is one", model.MaxFileSize>>20)
	}
	a, err := model.Parse("stdin", data)
	if err != nil {
		return nil, fmt.Errorf("standard input is not an article: %w; kiosk reads plain-text news", err)
	}
	return &model.Library{Name: "standard input", Articles: []*model.Article{a}}, nil
}

// warnSkipped writes one line per skipped file to standard error, unless
// --quiet. File names come from the user's disk: they are sanitised.
func (c *app) warnSkipped(skipped []model.Skipped) {
	if c.quiet {
		return
	}
	for _, s := range skipped {
		fmt.Fprintf(c.stderr, "kiosk: skipped %s: %s\n", model.EscapeName(s.Path), oneLine(s.Reason))
	}
}

// oneLine makes untrusted text such as a file name safe to print on one
// line: escape sequences and controls removed, and quoted with visible
// escapes when it holds a line break or a tab.
func oneLine(s string) string {
	s = model.Sanitize(s)
	if strings.ContainsAny(s, "\n\t") {
		return strconv.QuoteToGraphic(s)
	}
	return s
}
