package state

import (
	"fmt"
	"testing"
	"time"
)

const day = 24 * time.Hour

func TestSavesForgetArticlesUnseenFor90Days(t *testing.T) {
	path := statePath(t)
	c := newClock()
	s := openAt(t, path, c, 0)
	s.MarkRead("gone", true)
	s.MarkRead("still-in-library", true)
	s.SetStarred("changed-lately", true)
	c.advance(60 * day)
	s.Touch([]string{"still-in-library", "never-remembered"})
	s.SetStarred("changed-lately", false)
	c.advance(31 * day)

	mustFlush(t, s)
	after := reopen(t, path)
	if after.Get("gone") != (Entry{}) {
		t.Error("an article unseen for 91 days kept its state")
	}
	if !after.Get("still-in-library").Read {
		t.Error("an article touched 31 days ago lost its state")
	}
	records, _ := readFile(path)
	if _, ok := records["changed-lately"]; !ok {
		t.Error("an article changed 31 days ago was pruned")
	}
	if _, ok := records["never-remembered"]; ok {
		t.Error("Touch gave state to an article that had none")
	}
}

func TestPrunedEntryIsNotBroughtBackByAnotherWriter(t *testing.T) {
	path := statePath(t)
	c := newClock()
	a := openAt(t, path, c, 0)
	a.MarkRead("old", true)
	mustFlush(t, a)
	b := openAt(t, path, c, 0) // b loads "old" too
	c.advance(100 * day)

	a.MarkRead("recent", true)
	mustFlush(t, a) // a's save prunes "old"
	b.MarkRead("new", true)
	mustFlush(t, b) // b's merge must not restore what a pruned

	records, _ := readFile(path)
	if _, ok := records["old"]; ok {
		t.Error("the pruned entry came back through the other writer")
	}
	if !records["new"].Read {
		t.Error("the other writer's change is missing")
	}
}

func TestSavesPruneWithoutBeingAsked(t *testing.T) {
	path := statePath(t)
	c := newClock()
	a := openAt(t, path, c, 0)
	a.MarkRead("old", true)
	mustFlush(t, a)
	c.advance(91 * day)
	a.MarkRead("new", true)
	mustFlush(t, a)
	if _, ok := mustRead(t, path)["old"]; ok {
		t.Error("a save kept an entry inactive for 91 days")
	}
}

func TestEntryCapDropsTheLeastRecentlyActive(t *testing.T) {
	path := statePath(t)
	c := newClock()
	s := openAt(t, path, c, 3)
	for i := range 5 {
		s.MarkRead(fmt.Sprint("a", i), true)
		c.advance(time.Minute)
	}
	s.Touch([]string{"a0"}) // a0 is in the library again: now the most recent
	mustFlush(t, s)

	records := mustRead(t, path)
	if len(records) != 3 {
		t.Errorf("file holds %d entries, want the cap of 3", len(records))
	}
	for _, id := range []string{"a0", "a3", "a4"} {
		if !records[id].Read {
			t.Errorf("%s was dropped; the least recently active should go first", id)
		}
	}
	if s.Get("a1") != (Entry{}) {
		t.Error("memory still holds an entry dropped from the file")
	}
}

func mustRead(t *testing.T, path string) map[string]record {
	t.Helper()
	records, err := readFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return records
}
