package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// A server saves the state of many readers at once. Its writers queue in the
// process rather than each on a connection of its own, opened to wait on
// SQLite's lock and closed after (each new connection reads the schema
// again: half of a reader's CPU went there under 200 readers).
func TestConcurrentWritersQueueWithoutOpeningConnections(t *testing.T) {
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
				st.MarkRead(fmt.Sprintf("file:/%d-%d.txt", i, round), true)
				if err := st.Flush(); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	after := db.sql.Stats()
	if closed := after.MaxIdleClosed - before.MaxIdleClosed; closed > 0 {
		t.Errorf("%d connections were opened for %d readers' saves and closed again; want the writers to queue on the pool's", closed, readers)
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
