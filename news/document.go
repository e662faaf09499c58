package news

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"kiosk/feed"
	"kiosk/model"
)

// FeedArticles turns the items of a feed read once, without subscribing
// (a feed file or feed URL given as a path), into articles with their
// bodies. source names the file or URL: IDs are its base name and the
// item's number ("news-3"), keys the item's link, else the source and the
// item's GUID, so that reading state stays with an item read again.
func FeedArticles(f *feed.Feed, source string) []*model.Article {
	name := strings.TrimSuffix(path.Base(strings.TrimRight(source, "/")), path.Ext(source))
	if name == "" || name == "." || name == "/" {
		name = "item"
	}
	base := linkBase(source)
	out := make([]*model.Article, 0, len(f.Items))
	for i, it := range f.Items {
		key := "url:" + it.Link
		if strings.TrimSpace(it.Link) == "" {
			key = "feed:" + source + "#" + it.Key()
		}
		row := model.Article{ID: fmt.Sprintf("%s-%d", name, i+1), Key: key, Source: source,
			Title: it.Title, Byline: it.Author, Feed: f.Title, Link: it.Link, Published: firstDate(it)}
		html := it.Content
		if strings.TrimSpace(html) == "" {
			html = it.Summary
		}
		itemBase := linkBase(it.Link)
		if itemBase == nil {
			itemBase = base
		}
		out = append(out, model.ItemArticle(row, html, itemBase))
	}
	return out
}

func firstDate(it feed.Item) time.Time {
	if it.Published.IsZero() {
		return it.Updated
	}
	return it.Published
}

// ReadURL fetches the document at rawURL once, without subscribing: a
// feed becomes its items' articles, a web page the article its readable
// text makes (model.ParsePage). The name says what it was, for a library's
// header.
func ReadURL(ctx context.Context, fetcher *feed.Fetcher, rawURL string) (articles []*model.Article, name string, err error) {
	page, err := fetcher.GetPage(ctx, rawURL)
	if err != nil {
		return nil, "", err
	}
	return ReadDocument(page.Body, page.ContentType, page.URL)
}

// ReadDocument reads a document fetched from, or saved at, source: a feed
// as its items, else a web page as one article.
func ReadDocument(data []byte, contentType, source string) ([]*model.Article, string, error) {
	if f, err := feed.Parse(data, contentType); err == nil {
		if len(f.Items) == 0 {
			return nil, "", fmt.Errorf("%s: the feed %q has no items", source, f.Title)
		}
		return FeedArticles(f, source), model.Sanitize(f.Title), nil
	}
	u, _ := url.Parse(source)
	if u != nil && u.Scheme != "http" && u.Scheme != "https" {
		u = nil
	}
	a, err := model.ParsePage(source, data, u, contentType)
	if err != nil {
		return nil, "", fmt.Errorf("%s is neither a feed nor a page with readable text: %w", source, err)
	}
	return []*model.Article{a}, a.Source, nil
}
