package model

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func readSeed(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("../seeds/000_36dbd7c5854988d2.txt")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseSeed(t *testing.T) {
	a, err := Parse("000_36dbd7c5854988d2.txt", readSeed(t))
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != "000_36dbd7c5854988d2" {
		t.Errorf("ID = %q", a.ID)
	}
	if a.Byline != "Ivd" {
		t.Errorf("Byline = %q, want Ivd", a.Byline)
	}
	if a.Dateline != "Paris/Moskau" {
		t.Errorf("Dateline = %q, want Paris/Moskau", a.Dateline)
	}
	wantTitle := "Nato-Generalsekretär Mark Rutte äußerte bei einem Treffen mit Frankreichs Präsident…"
	if a.Title != wantTitle {
		t.Errorf("Title = %q, want %q", a.Title, wantTitle)
	}
	if h := a.Headings(); !slices.Equal(h, []string{"Nordkorea ratifiziert Verteidigungsabkommen mit Russland"}) {
		t.Errorf("Headings = %q", h)
	}
	wantStarts := []string{
		"Paris/Moskau – Nato-Generalsekretär",
		"Ein militärisches Bündnis",
		"Auch der Iran",
		"Nordkorea ratifiziert",
		"Die sicherheitspolitische Allianz",
		"Diese geopolitischen Entwicklungen",
	}
	if len(a.Blocks) != len(wantStarts) {
		t.Fatalf("got %d blocks, want %d: %+v", len(a.Blocks), len(wantStarts), a.Blocks)
	}
	for i, b := range a.Blocks {
		if !strings.HasPrefix(b.Text, wantStarts[i]) {
			t.Errorf("block %d = %.40q…, want it to start with %q", i, b.Text, wantStarts[i])
		}
	}
	if a.Comments == nil || !a.Comments.HasCount || a.Comments.Count != 10 {
		t.Fatalf("Comments = %+v, want a count of 10", a.Comments)
	}
	if !slices.Equal(a.Comments.Lines, []string{"Aktuell sind 10 Kommentare vorhanden", "Kommentare anzeigen"}) {
		t.Errorf("Comments.Lines = %q", a.Comments.Lines)
	}
	for _, b := range a.Blocks {
		if strings.Contains(b.Text, "Kommentare") {
			t.Errorf("footer text left in the body: %q", b.Text)
		}
	}
	// wc -w counts 289: less 2 for the byline and 7 for the footer.
	if a.Words != 280 {
		t.Errorf("Words = %d, want 280", a.Words)
	}
	if a.ReadingMinutes() != 1 {
		t.Errorf("ReadingMinutes = %d, want 1", a.ReadingMinutes())
	}
}
