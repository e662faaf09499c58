package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"kiosk/model"
)

// A server saves the state of many readers at once. Its writes queue in the
// process rather than each on a connection of its own, opened to wait on
// SQLite's lock and closed after (each new connection reads the schema
// again: half of a reader's CPU went there under 200 readers). The saves
// here are the writing half of Flush; its reading half may use connections
// of its own.
func TestConcurrentWritesQueueWithoutOpeningConnections(t *testing.T) {
	db := openTemp(t)
	ctx := context.Background()
	const readers = 40
	states := make([]*State, readers)
	for i := range states {
		states[i] = openState(t, db, fmt.Sprintf("reader-%d", i))
	}
	before := db.sql.Stats()
	for round := range 3 {
		var wg sync.WaitGroup
		for i, st := range states {
			wg.Go(func() {
				save := map[string]record{fmt.Sprintf("file:/%d-%d.txt", i, round): {Entry: Entry{Read: true}, readAt: int64(round + 1)}}
				if err := st.write(save, false); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	after := db.sql.Stats()
	if closed := after.MaxIdleClosed - before.MaxIdleClosed; closed > 0 {
		t.Errorf("%d connections were opened for %d readers' saves and closed again; want the writes to queue on the pool's", closed, readers)
	}
	for i, st := range states {
		if err := st.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		for round := range 3 {
			if !st.Get(fmt.Sprintf("file:/%d-%d.txt", i, round)).Read {
				t.Fatalf("reader %d lost its read mark of round %d", i, round)
			}
		}
	}
}

// A write waiting for another of the same process gives up when its caller
// does: a server shutting down is not held by a queue of saves. Opening a
// reader's state writes nothing, so it waits for no write at all: a reader's
// first screen is not held up by others' saves.
func TestAWriteWaitingForAnotherEndsWithItsContext(t *testing.T) {
	db := openTemp(t)
	if err := db.lockWrites(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer db.unlockWrites()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	st, err := db.State(ctx, "waiting")
	if err != nil {
		t.Fatalf("opening a state while another write is under way: %v", err)
	}
	start := time.Now()
	_, err = db.Limit(ctx, st.Reader(), DefaultLimits())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a write queued behind another = %v, want its context's deadline", err)
	}
	if waited := time.Since(start); waited > 5*time.Second {
		t.Errorf("it waited %v for a context of 50 ms", waited)
	}
}

// A Flush called by hand (a reader leaving, a feed marked read) takes the
// place of the save a change had scheduled: that save must not run again
// later, for nothing, on a connection of its own.
func TestFlushCancelsTheScheduledSave(t *testing.T) {
	db := openTemp(t)
	st := openState(t, db, "reader")
	before := db.sql.Stats()
	for i := range 300 {
		st.SetPosition(fmt.Sprintf("file:/%d.txt", i%20), model.Position{Line: i})
		if err := st.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(st.delay + 100*time.Millisecond)
	after := db.sql.Stats()
	if closed := after.MaxIdleClosed - before.MaxIdleClosed; closed > 0 {
		t.Errorf("300 changes saved by hand one by one opened and closed %d connections beyond the pool", closed)
	}
}
