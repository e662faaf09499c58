package render

import (
	"strings"

	"kiosk/model"
)

// A large article is rendered in chunks of blocks, so that a reader can show
// its first screen while the rest is still being rendered: glamour renders a
// whole document at a time, and a 10 MB article takes seconds.
const (
	// firstChunkBytes is about how much text the first chunk holds: more
	// than a tall terminal shows.
	firstChunkBytes = 8 << 10
	// chunkBytes is about how much text each later chunk holds: enough to
	// keep the number of chunks small, little enough that a chunk renders
	// in a fraction of a second.
	chunkBytes = 128 << 10
)

// Chunks is an article split into runs of whole blocks that render, one
// after the other, to the same lines as the whole article at once.
type Chunks struct {
	a *model.Article
	o Options
	// starts[i] is the first block of chunk i; a last entry is len(a.Blocks).
	starts []int
}

// Split plans how to render a in chunks with o. An article that fits in one
// chunk is one chunk.
func Split(a *model.Article, o Options) *Chunks {
	return split(a, o, firstChunkBytes, chunkBytes)
}

// split makes the first chunk at least first bytes of text and the others
// at least rest bytes, ending each at the first block where it may end.
func split(a *model.Article, o Options, first, rest int) *Chunks {
	c := &Chunks{a: a, o: o, starts: []int{0}}
	size, limit := 0, first
	for i, blk := range a.Blocks {
		if size >= limit && i > 0 && splittable(a.Blocks[i-1]) && splittable(blk) {
			c.starts = append(c.starts, i)
			size, limit = 0, rest
		}
		size += len(blk.Text)
	}
	c.starts = append(c.starts, len(a.Blocks))
	return c
}

// splittable says whether a chunk may end before or after a block: a
// paragraph renders the same alone, while glamour renders a heading
// differently after a paragraph than at the top of a document, and a list
// item, a quote or preformatted text may belong to a run it renders as one.
func splittable(b model.Block) bool {
	return b.Kind == model.Paragraph
}

// Len is the number of chunks.
func (c *Chunks) Len() int { return len(c.starts) - 1 }

// Render renders chunk i on its own. Chunks may be rendered concurrently;
// appended to a Document in order they give the article's whole rendering.
func (c *Chunks) Render(i int) (*Document, error) {
	part := c.article(i)
	out, err := Article(part, c.o)
	if err != nil {
		return nil, err
	}
	d := NewDocument(part, out)
	d.Lines = compactLines(d.Lines)
	d.Plain = compactLines(d.Plain)
	return d, nil
}

// article is the part of c.a that chunk i renders: the first chunk has the
// title and the facts, the last the comments footer and the links.
func (c *Chunks) article(i int) *model.Article {
	blocks := c.a.Blocks[c.starts[i]:c.starts[i+1]]
	if c.Len() == 1 {
		return c.a
	}
	part := &model.Article{ID: c.a.ID, Source: c.a.Source, Markdown: c.a.Markdown, Blocks: blocks}
	switch i {
	case 0:
		head := *c.a
		head.Blocks, head.Comments, head.Links = blocks, nil, nil
		return &head
	case c.Len() - 1:
		part.Comments, part.Links = c.a.Comments, c.a.Links
	}
	return part
}

// Append adds the next chunk's rendering to d: its lines after a blank
// line, as glamour separates blocks, and its blocks' anchors moved down.
func (d *Document) Append(next *Document) {
	if len(d.Lines) > 0 {
		d.Lines = append(d.Lines, "")
		d.Plain = append(d.Plain, "")
	}
	at := len(d.Lines)
	d.Lines = append(d.Lines, next.Lines...)
	d.Plain = append(d.Plain, next.Plain...)
	for _, line := range next.Anchors {
		d.Anchors = append(d.Anchors, at+line)
	}
}

// compactLines copies lines into one new string, so that they no longer
// hold on to the much larger output they were cut from (glamour pads every
// line to the full width).
func compactLines(lines []string) []string {
	var b strings.Builder
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	b.Grow(n)
	for _, l := range lines {
		b.WriteString(l)
	}
	all := b.String()
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i], all = all[:len(l)], all[len(l):]
	}
	return out
}
