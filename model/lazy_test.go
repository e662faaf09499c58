package model

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestLazyLoadsOnceUnderConcurrentAccess(t *testing.T) {
	var loads atomic.Int32
	row := Article{ID: "item-1", Key: "item:1:abc", Source: "item:1:abc", Title: "Row \x1b[31mtitle",
		Feed: "Example", Link: "https://example.com/1"}
	a := Lazy(row, func(ctx context.Context, _ *Article) (*Article, error) {
		loads.Add(1)
		time.Sleep(10 * time.Millisecond) // long enough for every caller to arrive
		return ItemArticle(row, "<p>The body.</p><p>See <a href=\"/x\">this</a>.</p>", nil), nil
	})
	if a.HasBody() || len(a.Blocks) != 0 {
		t.Fatal("a lazy article holds a body before it is loaded")
	}
	if a.Title != "Row title" {
		t.Errorf("row title %q: want it sanitised to %q", a.Title, "Row title")
	}
	const readers = 32
	got := make([]*Article, readers)
	var wg sync.WaitGroup
	for i := range readers {
		wg.Go(func() {
			b, err := a.Load(context.Background())
			if err != nil {
				t.Error(err)
			}
			got[i] = b
		})
	}
	wg.Wait()
	if n := loads.Load(); n != 1 {
		t.Errorf("%d concurrent readers loaded the body %d times, want once", readers, n)
	}
	for _, b := range got {
		if b != got[0] {
			t.Fatal("concurrent readers got different bodies")
		}
	}
	b := got[0]
	if b.ID != a.ID || b.Key != a.Key || len(b.Blocks) != 2 || b.Words == 0 {
		t.Errorf("loaded article: id %q key %q, %d blocks, %d words", b.ID, b.Key, len(b.Blocks), b.Words)
	}
	if again, _ := a.Load(context.Background()); again != b || loads.Load() != 1 {
		t.Error("a body still held was loaded again")
	}
}

func TestLazyLoadErrorIsRetried(t *testing.T) {
	fail := true
	a := Lazy(Article{Key: "item:1:x", Feed: "Blog"}, func(context.Context, *Article) (*Article, error) {
		if fail {
			return nil, errors.New("database is locked")
		}
		return ItemArticle(Article{}, "<p>Second try. It worked.</p>", nil), nil
	})
	if a.Title != "Untitled item from Blog" {
		t.Errorf("untitled row shows %q", a.Title)
	}
	if _, err := a.Load(context.Background()); err == nil {
		t.Fatal("a failing load gave no error")
	}
	fail = false
	b, err := a.Load(context.Background())
	if err != nil {
		t.Fatalf("the load after a failure: %v", err)
	}
	if b.Title != "Second try" {
		t.Errorf("title derived from the text: %q, want %q", b.Title, "Second try")
	}
}

func TestLazyArticlesAreSearchedByTheSearcher(t *testing.T) {
	file, err := Parse("a.txt", []byte("Title\n\nThe harbour froze over."))
	if err != nil {
		t.Fatal(err)
	}
	item := Lazy(Article{Key: "item:1:y", Title: "Ice news"}, func(context.Context, *Article) (*Article, error) {
		t.Error("search loaded a body")
		return nil, errors.New("no")
	})
	var asked StoredQuery
	lib := &Library{Articles: []*Article{file, item}, Searcher: searcherFunc(func(q StoredQuery) []StoredMatch {
		asked = q
		return []StoredMatch{{Key: "item:1:y", Text: "Up north the harbour is frozen"}, {Key: "item:9:gone"}}
	})}
	results, err := lib.Find(context.Background(), `Härbour "is frozen"`)
	if err != nil {
		t.Fatal(err)
	}
	if len(asked.Terms) != 3 || asked.Terms[0] != "harbour" || len(asked.Phrases) != 1 || asked.Phrases[0] != "is frozen" {
		t.Errorf("the searcher was asked %+v", asked)
	}
	if len(results) != 1 || results[0].Article != item || results[0].Index != 1 {
		t.Fatalf("results %+v: want the item only (the file lacks the phrase)", results)
	}
	if s, marks := results[0].Snippet(); s != "Up north the harbour is frozen" || len(marks) == 0 {
		t.Errorf("snippet %q marks %v", s, marks)
	}
}

type searcherFunc func(StoredQuery) []StoredMatch

func (f searcherFunc) SearchStored(_ context.Context, q StoredQuery) ([]StoredMatch, error) {
	return f(q), nil
}
