package ui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
	"kiosk/render"
)

// A large article is rendered chunk by chunk (render.Chunks): the pane
// shows the first chunk as soon as it is ready and appends the others as
// they arrive, one command at a time, so that the reader can scroll and
// search what is there while the rest renders.

// chunkMsg carries one rendered chunk of a large article.
type chunkMsg struct {
	// gen is the rendering the chunk belongs to: a newer one (another
	// width, theme or article) makes it stale.
	gen   int
	index int
	part  *render.Document
	err   error
}

// chunking is a chunk-by-chunk rendering under way in the pane.
type chunking struct {
	chunks  *render.Chunks
	article *model.Article
	opts    render.Options
	gen     int
	done    int // chunks appended so far
}

func renderChunk(c *render.Chunks, gen, i int) tea.Cmd {
	return func() tea.Msg {
		part, err := c.Render(i)
		return chunkMsg{gen: gen, index: i, part: part, err: err}
	}
}

// startChunks begins rendering the open article chunk by chunk when it is
// large, and returns nil when it fits in one chunk.
func (p *pagerModel) startChunks() tea.Cmd {
	if p.chunking != nil && p.chunking.article == p.article && p.chunking.opts == p.want {
		return nil // under way already
	}
	p.chunking = nil
	c := render.Split(p.article, p.want)
	if c.Len() < 2 {
		return nil
	}
	p.chunkGen++
	p.chunking = &chunking{chunks: c, article: p.article, opts: p.want, gen: p.chunkGen}
	return renderChunk(c, p.chunkGen, 0)
}

// gotChunk shows the first chunk of a rendering, appends the later ones,
// and asks for the next.
func (p *pagerModel) gotChunk(msg chunkMsg) tea.Cmd {
	ch := p.chunking
	if ch == nil || msg.gen != ch.gen {
		return nil
	}
	if msg.err != nil {
		p.chunking = nil
		p.note = errorNote(msg.err)
		return nil
	}
	ch.done = msg.index + 1
	if ch.done == ch.chunks.Len() {
		p.chunking = nil
	}
	if msg.index == 0 {
		p.show(msg.part, ch.opts, ch.article)
	} else {
		p.doc.Append(msg.part)
		for _, l := range msg.part.Plain {
			p.widest = max(p.widest, ansi.StringWidth(l))
		}
		p.search.extend(p.doc)
		p.setLines()
		p.place()
	}
	if p.chunking == nil {
		return nil
	}
	return renderChunk(ch.chunks, ch.gen, ch.done)
}

// renderProgress is "rendering 40%" while a large article renders.
func (p *pagerModel) renderProgress() string {
	if p.chunking == nil {
		return ""
	}
	return fmt.Sprintf("rendering %d%%", 100*p.chunking.done/p.chunking.chunks.Len())
}
