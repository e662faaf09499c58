package ui

import (
	"container/list"
	"sync"

	"kiosk/model"
)

// RenderCache keeps recently rendered articles, keyed by article, width,
// theme and comments state. It is bounded and safe for concurrent use, so one
// cache can serve every session of a server.
type RenderCache struct {
	max int

	mu      sync.Mutex
	order   *list.List // front: most recently used; values are *cacheEntry
	entries map[cacheKey]*list.Element
}

// cacheKey names an article by its pointer: a parsed article never changes,
// and a file changed on disk becomes a new article with the same ID.
type cacheKey struct {
	article *model.Article
	opts    RenderOptions
}

type cacheEntry struct {
	key cacheKey
	doc *document
}

// NewRenderCache returns a cache holding at most maxEntries renderings
// (at least one).
func NewRenderCache(maxEntries int) *RenderCache {
	return &RenderCache{
		max:     max(1, maxEntries),
		order:   list.New(),
		entries: make(map[cacheKey]*list.Element),
	}
}

// Render returns the article rendered with o, from the cache when it can.
func (c *RenderCache) Render(a *model.Article, o RenderOptions) (string, error) {
	doc, err := c.document(a, o)
	if err != nil {
		return "", err
	}
	return joinLines(doc.lines), nil
}

// cached returns a rendering already in the cache, or nil.
func (c *RenderCache) cached(a *model.Article, o RenderOptions) *document {
	k := cacheKey{a, o}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[k]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*cacheEntry).doc
	}
	return nil
}

// document renders outside the lock: two sessions asking for the same
// article at once may both render it, which costs less than serialising all
// rendering behind one mutex.
func (c *RenderCache) document(a *model.Article, o RenderOptions) (*document, error) {
	if doc := c.cached(a, o); doc != nil {
		return doc, nil
	}
	out, err := RenderArticle(a, o)
	if err != nil {
		return nil, err
	}
	doc := newDocument(a, out)
	c.put(cacheKey{a, o}, doc)
	return doc, nil
}

func (c *RenderCache) put(k cacheKey, doc *document) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[k]; ok {
		el.Value.(*cacheEntry).doc = doc
		c.order.MoveToFront(el)
		return
	}
	c.entries[k] = c.order.PushFront(&cacheEntry{key: k, doc: doc})
	for c.order.Len() > c.max {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.entries, oldest.Value.(*cacheEntry).key)
	}
}

// Len is the number of renderings held.
func (c *RenderCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
