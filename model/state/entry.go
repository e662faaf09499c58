package state

import (
	"cmp"
	"time"
)

// Entry is what kiosk remembers about one article.
type Entry struct {
	Read     bool
	Starred  bool
	Position Position
}

// Position is the reader's place in an article: the index of the first
// visible block in Article.Blocks and how many rendered lines of that block
// are scrolled past. Keeping the block rather than a rendered line makes the
// place survive a change of terminal width or theme: restore it with the
// block's first line plus Line, clamped to the block's height. The zero
// Position is the top of the article.
type Position struct {
	Block int `json:"block"`
	Line  int `json:"line"`
}

func (p Position) clamped() Position {
	return Position{Block: max(p.Block, 0), Line: max(p.Line, 0)}
}

// record is an Entry as stored: each field carries the time it was last
// changed, so that two processes merging their changes keep, field by field,
// the one made last (a read in one terminal and a star in another both
// survive). Seen is the last time the article was in a loaded library; with
// the change times it decides when an entry is pruned.
type record struct {
	Read       bool      `json:"read,omitempty"`
	ReadAt     time.Time `json:"read_at,omitzero"`
	Starred    bool      `json:"starred,omitempty"`
	StarredAt  time.Time `json:"starred_at,omitzero"`
	Position   Position  `json:"position,omitzero"`
	PositionAt time.Time `json:"position_at,omitzero"`
	Seen       time.Time `json:"seen,omitzero"`
}

func (r record) entry() Entry {
	return Entry{Read: r.Read, Starred: r.Starred, Position: r.Position}
}

// lastActive is the latest moment the article was seen or changed.
func (r record) lastActive() time.Time {
	t := r.Seen
	for _, u := range []time.Time{r.ReadAt, r.StarredAt, r.PositionAt} {
		if u.After(t) {
			t = u
		}
	}
	return t
}

// merge combines two versions of one entry, each field taken from the side
// that changed it last. It is commutative and idempotent, so any order of
// merges between any number of writers ends in the same entry. Equal times
// (only possible across processes) are broken by value, never by side.
func merge(a, b record) record {
	out := a
	if b.ReadAt.After(a.ReadAt) || (b.ReadAt.Equal(a.ReadAt) && b.Read && !a.Read) {
		out.Read, out.ReadAt = b.Read, b.ReadAt
	}
	if b.StarredAt.After(a.StarredAt) || (b.StarredAt.Equal(a.StarredAt) && b.Starred && !a.Starred) {
		out.Starred, out.StarredAt = b.Starred, b.StarredAt
	}
	if b.PositionAt.After(a.PositionAt) || (b.PositionAt.Equal(a.PositionAt) && comparePositions(b.Position, a.Position) > 0) {
		out.Position, out.PositionAt = b.Position, b.PositionAt
	}
	if b.Seen.After(a.Seen) {
		out.Seen = b.Seen
	}
	return out
}

func comparePositions(a, b Position) int {
	return cmp.Or(cmp.Compare(a.Block, b.Block), cmp.Compare(a.Line, b.Line))
}
