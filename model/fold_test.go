package model

import "testing"

func TestFoldIgnoresCaseAndAccents(t *testing.T) {
	tests := map[string]string{
		"München":    "munchen",
		"Straße":     "strasse",
		"NORDKOREA":  "nordkorea",
		"Café Œuvre": "cafe oeuvre",
		"Łódź":       "lodz",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFindAllReturnsRangesInOriginalText(t *testing.T) {
	text := "In München, Straße; in MUNCHEN auch."
	tests := []struct {
		query string
		want  []string
	}{
		{"munchen", []string{"München", "MUNCHEN"}},
		{"strasse", []string{"Straße"}},
		{"stras", []string{"Straß"}},
		{"nothing", nil},
		{"  ", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range FindAll(text, tt.query) {
			got = append(got, text[m[0]:m[1]])
		}
		if len(got) != len(tt.want) {
			t.Fatalf("FindAll(%q) = %q, want %q", tt.query, got, tt.want)
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("FindAll(%q)[%d] = %q, want %q", tt.query, i, got[i], tt.want[i])
			}
		}
	}
}
