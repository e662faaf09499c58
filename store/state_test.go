package store

import (
	"context"
	"testing"
	"time"

	"kiosk/model"
)

func TestStateIsSavedAndReadBack(t *testing.T) {
	path := tempPath(t)
	db := openAt(t, path)
	st := openState(t, db, "")
	st.MarkRead("file:/a.txt", true)
	st.SetStarred("file:/a.txt", true)
	st.SetPosition("file:/b.txt", model.Position{Block: 5, Line: -3})
	st.MarkRead("", true) // no key: ignored
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	db.Close()

	again := openState(t, openAt(t, path), "")
	if got := again.Get("file:/a.txt"); got != (Entry{Read: true, Starred: true}) {
		t.Errorf("a: %+v", got)
	}
	if got := again.Get("file:/b.txt"); got != (Entry{Position: model.Position{Block: 5}}) {
		t.Errorf("b: %+v, want block 5 line 0", got)
	}
	if other := openState(t, again.db, "SHA256:k"); other.Get("file:/a.txt") != (Entry{}) {
		t.Error("another reader sees the local reader's marks")
	}
}

func TestChangesAreWrittenWithoutFlush(t *testing.T) {
	db := openTemp(t)
	st := openState(t, db, "")
	st.delay = 10 * time.Millisecond
	st.MarkRead("k", true)
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		db.sql.QueryRow(`SELECT count(*) FROM reading_state WHERE article = 'k' AND read = 1`).Scan(&n)
		if n == 1 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Error("a change was not written after the save delay")
}

func TestTwoStatesOfOneReaderMergeFieldByField(t *testing.T) {
	path := tempPath(t)
	one := openState(t, openAt(t, path), "")
	two := openState(t, openAt(t, path), "")
	one.MarkRead("a", true)
	two.SetStarred("a", true)
	two.SetPosition("a", model.Position{Block: 2})
	if err := one.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := two.Flush(); err != nil {
		t.Fatal(err)
	}
	one.Refresh(context.Background())
	want := Entry{Read: true, Starred: true, Position: model.Position{Block: 2}}
	for name, s := range map[string]*State{"one": one, "two": two} {
		if got := s.Get("a"); got != want {
			t.Errorf("%s sees %+v, want %+v: a change was lost", name, got, want)
		}
	}
	// A later unread wins over the earlier read, wherever it is made.
	two.MarkRead("a", false)
	two.Flush()
	one.Refresh(context.Background())
	if one.Get("a").Read {
		t.Error("the later unread mark did not win")
	}
}

func TestMemoryStateWritesNothing(t *testing.T) {
	st := NewMemoryState()
	st.MarkRead("a", true)
	if !st.Get("a").Read || st.Persistent() || st.Path() != "" {
		t.Errorf("memory state: %+v persistent=%v", st.Get("a"), st.Persistent())
	}
	if err := st.Close(); err != nil {
		t.Error(err)
	}
}

func TestMarkFeedRead(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	f := addFeed(t, db, "https://a.example/feed")
	g := addFeed(t, db, "https://b.example/feed")
	upsert(t, db, f.ID, Item{GUID: "1"}, Item{GUID: "2"}, Item{GUID: "3"})
	upsert(t, db, g.ID, Item{GUID: "1"})
	st := openState(t, db, "")
	st.MarkRead(ItemKey(f.ID, Item{GUID: "1"}), true)
	st.SetStarred(ItemKey(f.ID, Item{GUID: "2"}), true)

	n, err := st.MarkFeedRead(ctx, f.ID)
	if err != nil || n != 2 {
		t.Fatalf("MarkFeedRead = %d, %v; want 2 newly read", n, err)
	}
	if e := st.Get(ItemKey(f.ID, Item{GUID: "2"})); !e.Read || !e.Starred {
		t.Errorf("item 2 %+v: want read and still starred", e)
	}
	if st.Get(ItemKey(g.ID, Item{GUID: "1"})).Read {
		t.Error("an item of another feed was marked read")
	}
	if feeds, _ := db.Feeds(ctx, ""); feeds[0].Unread != 0 || feeds[1].Unread != 1 {
		t.Errorf("unread counts %d, %d; want 0, 1", feeds[0].Unread, feeds[1].Unread)
	}
}

func TestLimitForgetsReadersWhoStoppedComing(t *testing.T) {
	ctx := context.Background()
	db := openHourly(t)
	local := openState(t, db, "")
	local.MarkRead("x", true)
	local.Flush()
	for _, r := range []string{"SHA256:first", "SHA256:second", "SHA256:third"} {
		st := openState(t, db, r)
		for _, k := range []string{"a", "b", "c"} {
			st.MarkRead(k, true)
		}
		st.Close()
	}
	forgot, err := db.Limit(ctx, "SHA256:third", Limits{Readers: 2, EntriesPerReader: 2})
	if err != nil || forgot != 1 {
		t.Fatalf("Limit = %d, %v; want 1 reader forgotten", forgot, err)
	}
	if openState(t, db, "SHA256:first").Get("a").Read {
		t.Error("the reader who came first is still remembered")
	}
	third := openState(t, db, "SHA256:third")
	if third.Get("a").Read || !third.Get("c").Read {
		t.Errorf("third reader keeps a=%v c=%v; want the oldest entry dropped", third.Get("a"), third.Get("c"))
	}
	if !openState(t, db, "").Get("x").Read {
		t.Error("the local reader's state was limited")
	}
}

// A reader who comes back and leaves without changing anything is seen
// again: Limit forgets before them one who saved later but has not come
// since.
func TestLimitKeepsAReaderSeenAgain(t *testing.T) {
	ctx := context.Background()
	db := openHourly(t)
	for _, r := range []string{"SHA256:first", "SHA256:second"} {
		st := openState(t, db, r)
		st.MarkRead("a", true)
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := openState(t, db, "SHA256:first").Close(); err != nil {
		t.Fatal(err)
	}
	if forgot, err := db.Limit(ctx, "", Limits{Readers: 1}); err != nil || forgot != 1 {
		t.Fatalf("Limit = %d, %v; want 1 reader forgotten", forgot, err)
	}
	if !openState(t, db, "SHA256:first").Get("a").Read {
		t.Error("the reader seen last was forgotten")
	}
	if openState(t, db, "SHA256:second").Get("a").Read {
		t.Error("the reader not seen since their save is still remembered")
	}
}

// A reader who is here is never forgotten, however long ago they were last
// seen: their visit is recorded as they leave, and what they read before
// must still be there next time.
func TestLimitNeverForgetsAReaderWhoIsHere(t *testing.T) {
	ctx := context.Background()
	db := openHourly(t)
	for _, r := range []string{"SHA256:back", "SHA256:other"} {
		st := openState(t, db, r)
		st.MarkRead("old", true)
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
	}
	back := openState(t, db, "SHA256:back")
	if forgot, err := db.Limit(ctx, "", Limits{Readers: 1}); err != nil || forgot != 0 {
		t.Fatalf("Limit while the reader seen longest ago is here = %d, %v; want nobody forgotten", forgot, err)
	}
	if err := back.Close(); err != nil {
		t.Fatal(err)
	}
	if forgot, err := db.Limit(ctx, "", Limits{Readers: 1}); err != nil || forgot != 1 {
		t.Fatalf("Limit after they left = %d, %v; want the other reader forgotten", forgot, err)
	}
	if !openState(t, db, "SHA256:back").Get("old").Read {
		t.Error("the reader who was here lost what they had read")
	}
}

func TestLimitKeepsStarredEntries(t *testing.T) {
	ctx := context.Background()
	db := openHourly(t)
	st := openState(t, db, "SHA256:k")
	st.SetStarred("old-star", true)
	for _, k := range []string{"old-read", "a", "b", "c"} {
		st.MarkRead(k, true)
	}
	st.Close()
	if _, err := db.Limit(ctx, "SHA256:k", Limits{Readers: 10, EntriesPerReader: 2}); err != nil {
		t.Fatal(err)
	}
	again := openState(t, db, "SHA256:k")
	if !again.Get("old-star").Starred {
		t.Error("the limit on entries forgot a star")
	}
	if again.Get("old-read").Read || again.Get("a").Read || !again.Get("c").Read {
		t.Errorf("old-read=%v a=%v c=%v; want the oldest unstarred entries forgotten beyond 2", again.Get("old-read"), again.Get("a"), again.Get("c"))
	}
}

// A change is written up to SaveDelay after it is made, so another process
// may commit a later change first. The earlier change, written last, must
// still reach the other process.
func TestAChangeWrittenLateReachesAProcessThatWroteLater(t *testing.T) {
	path := tempPath(t)
	dbA, dbB := openAt(t, path), openAt(t, path)
	dbA.now = func() time.Time { return day(1).Add(100) }
	dbB.now = func() time.Time { return day(1).Add(99) }
	a, b := openState(t, dbA, ""), openState(t, dbB, "")
	a.delay, b.delay = time.Hour, time.Hour

	b.SetStarred("x", true) // made at 99, not written yet
	a.MarkRead("y", true)   // made at 100 and written
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(); err != nil { // the star of 99 is written after 100
		t.Fatal(err)
	}
	if err := a.Flush(); err != nil {
		t.Fatal(err)
	}
	if !a.Get("x").Starred {
		t.Error("a star written late by another process was never read")
	}
	if !b.Get("y").Read {
		t.Error("the other process's read mark was not read")
	}
}

// Unsubscribing deletes rows of reading_state, perhaps the latest written;
// a write after it must still reach a process that read those rows.
func TestAWriteAfterUnsubscribingReachesAnotherProcess(t *testing.T) {
	ctx := context.Background()
	path := tempPath(t)
	dbA, dbB := openAt(t, path), openAt(t, path)
	f := addFeed(t, dbA, "https://a.example/feed")
	upsert(t, dbA, f.ID, Item{GUID: "1"}, Item{GUID: "2"})
	a, b := openState(t, dbA, ""), openState(t, dbB, "")
	b.MarkRead("file:/before.txt", true)
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.MarkFeedRead(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	if err := a.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if err := dbB.RemoveFeed(ctx, f.ID); err != nil {
		t.Fatal(err)
	}
	b.SetStarred("file:/after.txt", true)
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := a.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if !a.Get("file:/after.txt").Starred {
		t.Error("a star written after unsubscribing was never read by the other process")
	}
}
