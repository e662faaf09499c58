package render

import (
	"container/list"
	"sync"

	"kiosk/model"
)

// RenderCache keeps recently rendered articles, keyed by article, width,
// theme and comments state. It is bounded and safe for concurrent use, so one
// cache can serve every session of a server.
type Cache struct {
	max int

	mu      sync.Mutex
	order   *list.List // front: most recently used; values are *cacheEntry
	entries map[cacheKey]*list.Element
	// rendering holds the renderings under way, so that readers asking for
	// one at the same time wait for it instead of rendering it again.
	rendering map[cacheKey]*renderCall
}

// renderCall is one rendering under way; done is closed when doc or err is set.
type renderCall struct {
	done chan struct{}
	doc  *Document
	err  error
}

// cacheKey names an article by its pointer: a parsed article never changes,
// and a file changed on disk becomes a new article with the same ID.
type cacheKey struct {
	article *model.Article
	opts    Options
}

type cacheEntry struct {
	key cacheKey
	doc *Document
}

// NewRenderCache returns a cache holding at most maxEntries renderings
// (at least one).
func NewCache(maxEntries int) *Cache {
	return &Cache{
		max:       max(1, maxEntries),
		order:     list.New(),
		entries:   make(map[cacheKey]*list.Element),
		rendering: make(map[cacheKey]*renderCall),
	}
}

// Render returns the article rendered with o, from the cache when it can.
func (c *Cache) Render(a *model.Article, o Options) (string, error) {
	doc, err := c.Document(a, o)
	if err != nil {
		return "", err
	}
	return joinLines(doc.Lines), nil
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

// document renders outside the lock, once: readers who ask for an article
// that is being rendered wait for that rendering, so a hundred SSH readers
// opening the same article at the same width cost one render.
func (c *Cache) Document(a *model.Article, o Options) (*Document, error) {
	k := cacheKey{a, o}
	c.mu.Lock()
	if el, ok := c.entries[k]; ok {
		c.order.MoveToFront(el)
		c.mu.Unlock()
		return el.Value.(*cacheEntry).doc, nil
	}
	if call, ok := c.rendering[k]; ok {
		c.mu.Unlock()
		<-call.done
		return call.doc, call.err
	}
	call := &renderCall{done: make(chan struct{})}
	c.rendering[k] = call
	c.mu.Unlock()

	out, err := Article(a, o)
	if err == nil {
		call.doc = NewDocument(a, out)
	}
	call.err = err

	c.mu.Lock()
	delete(c.rendering, k)
	if err == nil {
		c.put(k, call.doc)
	}
	c.mu.Unlock()
	close(call.done)
	return call.doc, call.err
}

// put stores a rendering, evicting the least recently used beyond max. The
// caller holds c.mu.
func (c *Cache) put(k cacheKey, doc *Document) {
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
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
