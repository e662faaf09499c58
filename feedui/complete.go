package feedui

import (
	"context"

	"kiosk/model"
	"kiosk/news"
	"kiosk/store"
	"kiosk/ui"
)

// Completion lists the rest of a library of which the reader was given
// only the newest rows (news.OpenFirstItems). It lists the items as they
// are when it begins: delivered after the library of a fetch that stored
// items meanwhile, it would take them out of the list again. So fetches
// wait for it, and their libraries always come after it.
type Completion struct {
	done chan struct{}
}

// NewCompletion returns a Completion that feeds' fetches (feeds may be
// nil) wait for; call Run once.
func NewCompletion(feeds *ui.Feeds) *Completion {
	c := &Completion{done: make(chan struct{})}
	if feeds != nil && feeds.Fetch != nil {
		fetch := feeds.Fetch
		feeds.Fetch = func(ctx context.Context, all bool, progress func(done, total int)) (ui.FetchResult, error) {
			select {
			case <-c.done:
			case <-ctx.Done():
				return ui.FetchResult{}, ctx.Err()
			}
			return fetch(ctx, all, progress)
		}
	}
	return c
}

// Run lists db's items, keeping partial's articles, and hands the whole
// library to deliver, which must hand it to the reader before it returns
// (tea.Program.Send does); fetches start after that. A completion that
// fails delivers nothing: the reader keeps the rows it has.
func (c *Completion) Run(ctx context.Context, db *store.DB, partial *model.Library, deliver func(*model.Library)) {
	defer close(c.done)
	full, err := news.CompleteLibrary(ctx, db, partial)
	if err == nil {
		deliver(full)
	}
}
