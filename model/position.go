package model

// Position is the reader's place in an article: the index of the first
// visible block in Article.Blocks and how many rendered lines of that block
// are scrolled past. Keeping the block rather than a rendered line makes the
// place survive a change of terminal width or theme: restore it with the
// block's first line plus Line, clamped to the block's height. The zero
// Position is the top of the article.
type Position struct {
	Block int
	Line  int
}
