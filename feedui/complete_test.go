package feedui

import (
	"context"
	"testing"
	"time"

	"kiosk/model"
	"kiosk/news"
)

// TestAFetchWaitsForTheCompletionOfTheList: the completion of the list
// (all the rows after the first ones) lists the items as they were when
// it began; a fetch that stored items meanwhile must deliver its library
// after it, or the fetched items would leave the list again. So a fetch
// asked for while the completion is under way finishes after it.
func TestAFetchWaitsForTheCompletionOfTheList(t *testing.T) {
	srv, _ := newsSite(t)
	db, fetcher := subscribed(t, srv)
	ctx := context.Background()
	st, err := db.State(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	partial, err := news.OpenFirstItems(ctx, db, 1)
	if err != nil {
		t.Fatal(err)
	}
	feeds := Local(db, st, fetcher)
	completion := NewCompletion(feeds)

	fetched := make(chan error, 1)
	go func() {
		_, err := feeds.Fetch(ctx, true, nil)
		fetched <- err
	}()
	gate := make(chan struct{})
	delivered := make(chan *model.Library, 1)
	go completion.Run(ctx, db, partial, func(full *model.Library) {
		<-gate // the reader is busy: the completion is not delivered yet
		delivered <- full
	})
	select {
	case err := <-fetched:
		t.Fatalf("the fetch finished (%v) before the completion was delivered: its items could be overtaken", err)
	case <-time.After(200 * time.Millisecond):
	}
	close(gate)
	if full := <-delivered; len(full.Articles) != 1 || full.Articles[0] != partial.Articles[0] {
		t.Errorf("the completion did not keep the partial library's article")
	}
	if err := <-fetched; err != nil {
		t.Fatal(err)
	}

	// A fetch given up (the reader quits) does not wait for a completion
	// that never ends.
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	other := Local(db, st, fetcher)
	NewCompletion(other)
	if _, err := other.Fetch(canceled, true, nil); err == nil {
		t.Error("a canceled fetch went on")
	}
}
