package model

import (
	"strings"
	"testing"

	"kiosk/seeds"
)

func seedLibrary(t *testing.T) *Library {
	t.Helper()
	lib, err := LoadFS(seeds.FS, "seeds")
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func TestSearchFindsSeedIgnoringCaseAndAccents(t *testing.T) {
	lib := seedLibrary(t)
	for _, q := range []string{"Nordkorea", "nordkorea", "NORDKOREA", "grossmachten", "rutte macron", "Ivd"} {
		res := lib.Search(q)
		if len(res) != 1 || res[0].Index != 0 {
			t.Errorf("Search(%q) = %d results, want the seed", q, len(res))
			continue
		}
		snip, marks := res[0].Snippet()
		if len(marks) == 0 {
			t.Errorf("snippet %q highlights nothing of %q", snip, q)
		}
		if len([]rune(snip)) > 2*snippetContext+len(q)+10 || strings.Contains(snip, "\n") {
			t.Errorf("snippet is not one short line: %q", snip)
		}
	}
	for _, q := range []string{"Nordkorea Brasilien", "zzz", ""} {
		if res := lib.Search(q); len(res) != 0 {
			t.Errorf("Search(%q) found %d articles, want none", q, len(res))
		}
	}
}

func TestLookupByNumberAndID(t *testing.T) {
	lib := seedLibrary(t)
	for _, ref := range []string{"1", "000_36dbd7c5854988d2"} {
		if a, i, err := lib.Lookup(ref); err != nil || i != 0 || a.Byline != "Ivd" {
			t.Errorf("Lookup(%q) = %v, %d, %v", ref, a, i, err)
		}
	}
	for _, ref := range []string{"0", "99", "nope"} {
		if _, _, err := lib.Lookup(ref); err == nil || !strings.Contains(err.Error(), ref) {
			t.Errorf("Lookup(%q) error %v does not name what was not found", ref, err)
		}
	}
}
