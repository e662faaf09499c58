package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
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
				if err := st.write(save); err != nil {
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
