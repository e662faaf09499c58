package render

import "kiosk/model"

// Position is the reader's place at line offset of the document: the block
// shown at the top, and how many of its lines are scrolled past. It uses the
// same block anchors that keep the place across a change of width. Above
// the first block (the title and byline) it is the top of the article.
func (d *Document) Position(offset int) model.Position {
	b := d.BlockAt(offset)
	if b < 0 {
		return model.Position{}
	}
	return model.Position{Block: b, Line: offset - d.Anchors[b]}
}

// OffsetOf is the line to scroll to for a saved place, the block's line
// clamped to its height: the rendering may be narrower or wider than the one
// the place was saved at, or the article may have changed since.
func (d *Document) OffsetOf(p model.Position) int {
	if p == (model.Position{}) || len(d.Anchors) == 0 {
		return 0
	}
	if p.Block >= len(d.Anchors) {
		return d.Anchors[len(d.Anchors)-1]
	}
	start, end := d.Anchors[p.Block], len(d.Lines)
	if p.Block+1 < len(d.Anchors) {
		end = d.Anchors[p.Block+1]
	}
	return start + min(p.Line, max(0, end-start-1))
}
