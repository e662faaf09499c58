package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"kiosk/model"
)

func TestSearchIgnoresCaseAndAccents(t *testing.T) {
	for _, query := range []string{"Nordkorea", "nordkorea", "NORDKOREA", "nato-generalsekretar", "verteidigungsabk"} {
		t.Run(query, func(t *testing.T) {
			r := kiosk(t, "search", query)
			r.expect(t, exitOK)
			fields := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\t")
			if len(fields) != 3 || fields[0] != "1" {
				t.Fatalf("want one line: number, title, snippet; got %q", r.stdout)
			}
			if !strings.Contains(model.Fold(fields[2]), model.Fold(query)) {
				t.Errorf("snippet %q does not show the match for %q", fields[2], query)
			}
		})
	}
}

func TestSearchNeedsEveryWordAndQuotedPhrases(t *testing.T) {
	tests := []struct {
		query string
		found bool
	}{
		{"rutte macron", true},
		{"rutte quokka", false},
		{`"Verteidigungsabkommen mit Russland"`, true},
		{`"Russland mit Verteidigungsabkommen"`, false},
	}
	for _, tt := range tests {
		r := kiosk(t, "search", tt.query)
		if found := r.status == exitOK && strings.HasPrefix(r.stdout, "1\t"); found != tt.found {
			t.Errorf("search %s: found = %v, want %v (status %d)", tt.query, found, tt.found, r.status)
		}
	}
}

func TestSearchJSON(t *testing.T) {
	r := kiosk(t, "search", "nordkorea", "--json")
	r.expect(t, exitOK)
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) != 1 {
		t.Fatalf("want one JSON object: %v\n%s", err, r.stdout)
	}
	if got[0]["index"] != 1.0 || got[0]["byline"] != "Ivd" {
		t.Errorf("index, byline = %v, %v; want the list's fields", got[0]["index"], got[0]["byline"])
	}
	if s, _ := got[0]["snippet"].(string); !strings.Contains(strings.ToLower(s), "nordkorea") {
		t.Errorf("snippet = %q, want the match", s)
	}
}

func TestSearchWithoutMatchExitsOneAsGrepDoes(t *testing.T) {
	r := kiosk(t, "search", "Quokka")
	r.expect(t, exitError)
	if r.stdout != "" || !strings.Contains(r.stderr, `"Quokka"`) {
		t.Errorf("want nothing on stdout and the query on stderr; got %q, %q", r.stdout, r.stderr)
	}
	r = kiosk(t, "search", "Quokka", "--json")
	r.expect(t, exitError)
	if strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("--json without matches = %q, want []", r.stdout)
	}
}

func TestSearchNeedsAQuery(t *testing.T) {
	for _, args := range [][]string{{"search"}, {"search", "  "}} {
		r := kiosk(t, args...)
		r.expect(t, exitUsage)
		if !strings.Contains(r.stderr, "kiosk search --help") {
			t.Errorf("want a pointer to the help, got %q", r.stderr)
		}
	}
}
