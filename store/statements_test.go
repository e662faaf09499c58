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
	kept := func() int {
		db.stmts.mu.Lock()
		defer db.stmts.mu.Unlock()
		return len(db.stmts.prepared)
	}
	save := func(i int) {
		states[i].MarkRead(fmt.Sprintf("file:/%d.txt", i), true)
		if err := states[i].Flush(); err != nil {
			t.Error(err)
		}
	}
	save(0)
	one := kept()
	var wg sync.WaitGroup
	for i := 1; i < len(states); i++ {
		wg.Go(func() { save(i) })
	}
	wg.Wait()
	if one == 0 || kept() != one {
		t.Errorf("%d statements kept after one reader's save, %d after eight readers'; want the same few", one, kept())
	}

	db.Close()
	states[0].MarkRead("file:/late.txt", true)
	if err := states[0].Flush(); err == nil {
		t.Error("a save after the database closed reported no error")
	}
	if kept() != 0 {
		t.Errorf("%d statements prepared again after the database closed", kept())
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
