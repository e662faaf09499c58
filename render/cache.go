package render

import (
	"container/list"
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/singleflight"

	"kiosk/model"
)

// Cache keeps recently rendered articles, keyed by article, width, theme and
// comments state. It is bounded and safe for concurrent use, so one cache
// can serve every session of a server.
type Cache struct {
	max    int
	render func(*model.Article, Options) (string, error)
	// flight lets readers who ask for a rendering under way wait for it
	// instead of rendering it again.
	flight singleflight.Group

	mu      sync.Mutex
	order   *list.List // front: most recently used; values are *cacheEntry
	entries map[cacheKey]*list.Element
}

// cacheKey names an article by its pointer: a parsed article never changes,
// and a file changed on disk becomes a new article with the same ID.
type cacheKey struct {
	article *model.Article
	opts    Options
}

// flightKey is the key as singleflight wants it, a string. The pointer in it
// cannot be reused while the rendering is under way: the rendering holds it.
func (k cacheKey) flightKey() string { return fmt.Sprintf("%p %#v", k.article, k.opts) }

type cacheEntry struct {
	key cacheKey
	doc *Document
}

// NewCache returns a cache holding at most maxEntries renderings (at least
// one).
func NewCache(maxEntries int) *Cache {
	return &Cache{
		max:     max(1, maxEntries),
		render:  Article,
		order:   list.New(),
		entries: make(map[cacheKey]*list.Element),
	}
}

// Cached returns a rendering already in the cache, or nil.
func (c *Cache) Cached(a *model.Article, o Options) *Document {
	k := cacheKey{a, o}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[k]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*cacheEntry).doc
	}
	return nil
}

// Document returns the article rendered with o, from the cache when it can.
// It renders outside the lock, once: readers who ask for an article that is
// being rendered wait for that rendering, so a hundred SSH readers opening
// the same article at the same width cost one render. A render that fails
// or panics is not cached; its readers get an error and the next one tries
// again.
func (c *Cache) Document(a *model.Article, o Options) (*Document, error) {
	if doc := c.Cached(a, o); doc != nil {
		return doc, nil
	}
	k := cacheKey{a, o}
	v, err, _ := c.flight.Do(k.flightKey(), func() (any, error) {
		// A rendering that finished between Cached and Do is not redone.
		if doc := c.Cached(a, o); doc != nil {
			return doc, nil
		}
		doc, err := c.renderDocument(a, o)
		if err != nil {
			return nil, err
		}
		c.put(k, doc)
		return doc, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*Document), nil
}

// renderDocument loads the body of an article listed without one (a feed
// item), and turns a panic in the renderer into an error: singleflight
// would hand the panic on to every reader waiting for this rendering, and in
// a server those are other people's sessions.
func (c *Cache) renderDocument(a *model.Article, o Options) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("render article %s: the renderer failed (%v); try another width or theme", a.ID, r)
		}
	}()
	a, err = a.Load(context.Background())
	if err != nil {
		return nil, err
	}
	out, err := c.render(a, o)
	if err != nil {
		return nil, err
	}
	return NewDocument(a, out), nil
}

// put stores a rendering, evicting the least recently used beyond max.
func (c *Cache) put(k cacheKey, doc *Document) {
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
