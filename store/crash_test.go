package store

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"kiosk/model"
)

// The crash test runs this test binary again as writer processes (see
// TestHelperWriter), two at once on one database, and kills them with
// SIGKILL at random moments, as a user closing a terminal during a fetch.
const (
	helperDBEnv     = "KIOSK_STORE_HELPER_DB"
	helperWriterEnv = "KIOSK_STORE_HELPER_WRITER"
	itemsPerFetch   = 50
)

func TestTwoProcessesWritingAtOnceSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("starts writer processes")
	}
	ctx := context.Background()
	path := tempPath(t)
	openAt(t, path).Close() // migrated before the writers race
	writers := []string{"w0", "w1"}
	acked := map[string]int64{}
	const rounds = 10
	for round := range rounds {
		children := make([]*writerProcess, len(writers))
		for i, w := range writers {
			children[i] = startWriter(t, path, w)
		}
		for _, c := range children {
			c.waitFirst(t)
		}
		for _, c := range children {
			time.Sleep(time.Duration(rand.IntN(20000)) * time.Microsecond)
			c.kill()
		}

		db := openAt(t, path)
		if err := db.IntegrityCheck(ctx); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		for _, c := range children {
			st := openState(t, db, "")
			saved := int64(st.Get(c.name).Position.Block)
			if saved < c.acked.Load() {
				t.Fatalf("round %d: %s's write %d was committed but the database holds %d", round, c.name, c.acked.Load(), saved)
			}
			if saved < acked[c.name] {
				t.Fatalf("round %d: %s went back from %d to %d", round, c.name, acked[c.name], saved)
			}
			acked[c.name] = saved
			f, err := db.FeedByURL(ctx, "https://"+c.name+".example/feed")
			if err != nil {
				t.Fatal(err)
			}
			items := listItems(t, db, ItemQuery{FeedID: f.ID})
			if len(items)%itemsPerFetch != 0 || int64(len(items)) < saved*itemsPerFetch {
				t.Fatalf("round %d: %s's feed holds %d items: a fetch was stored in part or lost (%d acknowledged)",
					round, c.name, len(items), saved)
			}
		}
		db.Close()
	}
	t.Logf("writes acknowledged before the kills: %v", acked)
}

type writerProcess struct {
	name   string
	cmd    *exec.Cmd
	stderr bytes.Buffer
	acked  atomic.Int64
	first  chan struct{}
	done   chan struct{}
}

func startWriter(t *testing.T, path, name string) *writerProcess {
	t.Helper()
	w := &writerProcess{name: name, first: make(chan struct{}), done: make(chan struct{})}
	w.cmd = exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	w.cmd.Env = append(os.Environ(), helperDBEnv+"="+path, helperWriterEnv+"="+name)
	w.cmd.Stderr = &w.stderr
	out, err := w.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(w.done)
		lines := bufio.NewScanner(out)
		for lines.Scan() {
			if n, err := strconv.ParseInt(lines.Text(), 10, 64); err == nil {
				if w.acked.Swap(n) == 0 {
					close(w.first)
				}
			}
		}
	}()
	t.Cleanup(w.kill)
	return w
}

func (w *writerProcess) waitFirst(t *testing.T) {
	t.Helper()
	select {
	case <-w.first:
	case <-w.done:
		w.cmd.Wait()
		t.Fatalf("writer %s exited before writing: %s", w.name, w.stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("writer %s wrote nothing in 30s: %s", w.name, w.stderr.String())
	}
}

func (w *writerProcess) kill() {
	if w.cmd.ProcessState != nil {
		return
	}
	w.cmd.Process.Kill()
	<-w.done
	w.cmd.Wait()
}

// TestHelperWriter is not a test: it is a writer process of
// TestTwoProcessesWritingAtOnceSurviveSIGKILL. Each step stores a fetch of
// 50 new items in its feed, then saves the step's number as its place in
// the article named after it, and prints the number once committed.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(helperDBEnv)
	if path == "" {
		t.Skip("runs only as a child of TestTwoProcessesWritingAtOnceSurviveSIGKILL")
	}
	name := os.Getenv(helperWriterEnv)
	ctx := context.Background()
	fail := func(err error) {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	db, err := Open(ctx, path)
	if err != nil {
		fail(err)
	}
	var f Feed
	err = untilNotBusy(func() (err error) {
		f, err = db.AddFeed(ctx, Feed{URL: "https://" + name + ".example/feed"})
		if f.ID != 0 {
			return nil // subscribed in an earlier round
		}
		return err
	})
	if err != nil {
		fail(err)
	}
	var st *State
	if err := untilNotBusy(func() (err error) { st, err = db.State(ctx, ""); return err }); err != nil {
		fail(err)
	}
	for n := st.Get(name).Position.Block + 1; ; n++ {
		items := make([]Item, itemsPerFetch)
		for i := range items {
			items[i] = Item{GUID: fmt.Sprintf("%d-%d", n, i), Title: "Item", ContentHTML: "<p>Some text</p>"}
		}
		if err := untilNotBusy(func() error { _, err := db.UpsertItems(ctx, f.ID, items, time.Now()); return err }); err != nil {
			fail(err)
		}
		st.SetPosition(name, model.Position{Block: n})
		if err := untilNotBusy(st.Flush); err != nil {
			fail(err)
		}
		fmt.Println(n)
		// A pause, as between a real writer's fetches.
		time.Sleep(10 * time.Millisecond)
	}
}

// untilNotBusy runs write until it gets past SQLITE_BUSY, for up to a minute.
// SQLite keeps no queue of waiting writers: under -race on a loaded
// machine one writer can take the lock again and again past busy_timeout.
// This test is about what survives a kill, not about fairness, so its
// writers try again, as kiosk's reading state does when a save fails.
func untilNotBusy(write func() error) error {
	deadline := time.Now().Add(time.Minute)
	for {
		err := write()
		var e *sqlite.Error
		if !errors.As(err, &e) || e.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
	}
}
