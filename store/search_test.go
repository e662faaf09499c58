package store

import (
	"context"
	"testing"

	"kiosk/model"
)

func searchKeys(t *testing.T, db *DB, terms []string, phrases ...string) []string {
	t.Helper()
	got, err := db.SearchStored(context.Background(), model.StoredQuery{Terms: terms, Phrases: phrases})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, m := range got {
		keys = append(keys, m.Key)
	}
	return keys
}

func TestSearchStoredFindsItemsByWordsPrefixesAndPhrases(t *testing.T) {
	db := openTemp(t)
	f := addFeed(t, db, "https://example.com/feed")
	title := Item{GUID: "t", Title: "München votes", ContentHTML: "<p>The city council met.</p>"}
	body := Item{GUID: "b", Title: "Weather", ContentHTML: "<p>Snow fell on <em>München</em> overnight.</p><script>var hidden</script>"}
	summary := Item{GUID: "s", Title: "Briefly", Summary: "Interest rates rose again"}
	upsert(t, db, f.ID, title, body, summary)
	kt, kb, ks := ItemKey(f.ID, title), ItemKey(f.ID, body), ItemKey(f.ID, summary)

	if got := searchKeys(t, db, []string{"munchen"}); len(got) != 2 || got[0] != kt || got[1] != kb {
		t.Errorf("'munchen': %v, want the title match %s first, then %s", got, kt, kb)
	}
	if got := searchKeys(t, db, []string{"interes"}); len(got) != 1 || got[0] != ks {
		t.Errorf("prefix 'interes' in a summary: %v", got)
	}
	if got := searchKeys(t, db, []string{"rates", "interest"}, "interest rates"); len(got) != 1 {
		t.Errorf("phrase 'interest rates': %v", got)
	}
	if got := searchKeys(t, db, []string{"rates", "interest"}, "rates interest"); len(got) != 0 {
		t.Errorf("phrase in the wrong order matched: %v", got)
	}
	if got := searchKeys(t, db, []string{"hidden"}); len(got) != 0 {
		t.Errorf("a script's text is searchable: %v", got)
	}

	items := listItems(t, db, ItemQuery{})
	var summaryID int64
	for _, r := range items {
		if r.Key == ks {
			summaryID = r.ID
		}
	}
	if err := db.SetFullText(context.Background(), summaryID, "<article><p>Central banks raised interest rates to fight inflation.</p></article>"); err != nil {
		t.Fatal(err)
	}
	if got := searchKeys(t, db, []string{"inflation"}); len(got) != 1 || got[0] != ks {
		t.Errorf("full text is not searched: %v", got)
	}

	if err := db.RemoveFeed(context.Background(), f.ID); err != nil {
		t.Fatal(err)
	}
	if got := searchKeys(t, db, []string{"munchen"}); len(got) != 0 {
		t.Errorf("items of a removed feed are still found: %v", got)
	}
}

func TestSearchStoredTakesQuotesAsText(t *testing.T) {
	db := openTemp(t)
	f := addFeed(t, db, "https://example.com/feed")
	upsert(t, db, f.ID, Item{GUID: "1", Title: "A title"})
	if got := searchKeys(t, db, []string{`a" OR "x`}); len(got) != 0 {
		t.Errorf("a quote in a term changed the query: %v", got)
	}
}
