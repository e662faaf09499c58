package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// Readers saving at once for the first time share one prepared statement
// each (run with -race), and a database closed under a reader makes its
// save fail with a reason, not a panic.
func TestPreparedStatementsAreSharedAndEndWithTheDatabase(t *testing.T) {
	db := openTemp(t)
	states := make([]*State, 8)
	for i := range states {
		states[i] = openState(t, db, fmt.Sprintf("reader-%d", i))
	}
	var wg sync.WaitGroup
	for i, st := range states {
		wg.Go(func() {
			st.MarkRead(fmt.Sprintf("file:/%d.txt", i), true)
			if err := st.Flush(); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	db.stmts.mu.Lock()
	kept := len(db.stmts.prepared)
	db.stmts.mu.Unlock()
	if kept != 3 {
		t.Errorf("%d statements kept for the save and refresh, want 3 (upsert, sequence, refresh)", kept)
	}

	db.Close()
	states[0].MarkRead("file:/late.txt", true)
	if err := states[0].Flush(); err == nil {
		t.Error("a save after the database closed reported no error")
	}
	db.stmts.mu.Lock()
	kept = len(db.stmts.prepared)
	db.stmts.mu.Unlock()
	if kept != 0 {
		t.Errorf("%d statements prepared again after the database closed", kept)
	}
}

// Close waits for a save already under way, so that a server that stops
// right after a reader leaves does not lose that reader's last change.
func TestCloseWaitsForASaveUnderWay(t *testing.T) {
	db := openTemp(t)
	st := openState(t, db, "reader")
	st.delay = time.Millisecond
	db.writing <- struct{}{} // hold this process's writes
	st.MarkRead("file:/a.txt", true)
	for deadline := time.Now().Add(5 * time.Second); ; {
		st.mu.Lock()
		taken := len(st.pending) == 0
		st.mu.Unlock()
		if taken {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the scheduled save did not start")
		}
		time.Sleep(time.Millisecond)
	}
	closed := make(chan error, 1)
	go func() { closed <- st.Close() }()
	select {
	case err := <-closed:
		t.Fatalf("Close returned (%v) while the save under way was still waiting to write", err)
	case <-time.After(100 * time.Millisecond):
	}
	<-db.writing
	if err := <-closed; err != nil {
		t.Fatal(err)
	}
	again := openState(t, db, "reader")
	if err := again.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !again.Get("file:/a.txt").Read {
		t.Error("the change saved while Close waited is not in the database")
	}
}
