package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestListPrintsOneTabSeparatedLinePerArticle(t *testing.T) {
	for _, args := range [][]string{{"list"}, {}} { // piped, plain `kiosk` lists too
		t.Run(strings.Join(append([]string{"kiosk"}, args...), " "), func(t *testing.T) {
			r := kiosk(t, args...)
			r.expect(t, exitOK)
			if r.stderr != "" {
				t.Errorf("stderr = %q, want nothing", r.stderr)
			}
			lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
			if len(lines) != len(seedNames(t)) {
				t.Fatalf("want one line for each of the %d built-in articles, got %q", len(seedNames(t)), r.stdout)
			}
			for i, line := range lines {
				if fields := strings.Split(line, "\t"); len(fields) != 6 || fields[0] != fmt.Sprint(i+1) {
					t.Errorf("line %d: want number, title, byline, comments, read, starred; got %q", i+1, fields)
				}
			}
			fields := strings.Split(lines[0], "\t")
			if fields[4] != "unread" || fields[5] != "" {
				t.Errorf("read, starred = %q, %q; want unread and empty for an article never opened", fields[4], fields[5])
			}
			if fields[0] != "1" || fields[2] != "Ivd" || fields[3] != "10" {
				t.Errorf("number, byline, comments = %q, %q, %q; want 1, Ivd, 10", fields[0], fields[2], fields[3])
			}
			if !strings.HasPrefix(fields[1], "Nato-Generalsekretär Mark Rutte") {
				t.Errorf("title = %q, want the lead's first sentence without the dateline", fields[1])
			}
		})
	}
}

func TestListJSONHasExactlyTheDocumentedFields(t *testing.T) {
	r := kiosk(t, "list", "--json")
	r.expect(t, exitOK)
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not a JSON array: %v\n%s", err, r.stdout)
	}
	if len(got) != len(seedNames(t)) {
		t.Fatalf("want one object per built-in article, got %d", len(got))
	}
	seed := got[0]
	fields := slices.Sorted(maps.Keys(seed))
	want := []string{"byline", "comments", "dateline", "feed", "headings", "id", "index", "paragraphs", "published", "read", "reading_minutes", "source", "starred", "title", "url", "words"}
	if !slices.Equal(fields, want) {
		t.Errorf("fields = %v, want %v", fields, want)
	}
	checks := []struct {
		field string
		want  any
	}{
		{"index", 1.0},
		{"byline", "Ivd"},
		{"dateline", "Paris/Moskau"},
		{"comments", 10.0},
		{"paragraphs", 5.0},
		{"read", false},
		{"starred", false},
	}
	for _, c := range checks {
		if seed[c.field] != c.want {
			t.Errorf("%s = %#v, want %#v", c.field, seed[c.field], c.want)
		}
	}
	if h, _ := seed["headings"].([]any); len(h) != 1 || h[0] != seedHeading {
		t.Errorf("headings = %#v, want [%q]", seed["headings"], seedHeading)
	}
	if id, _ := seed["id"].(string); id == "" || !strings.Contains(seed["source"].(string), seedName) {
		t.Errorf("id = %q, source = %q: want an id and the seed's name", id, seed["source"])
	}
	if words, _ := seed["words"].(float64); words < 200 || seed["reading_minutes"].(float64) < 1 {
		t.Errorf("words = %v, reading_minutes = %v: the seed has about 250 words", seed["words"], seed["reading_minutes"])
	}
}

func TestListJSONUsesNullForWhatAnArticleLacks(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"bare.txt": []byte("A short note\n\nIt has one paragraph and nothing else.\n")})
	r := kiosk(t, "list", "--json", dir)
	r.expect(t, exitOK)
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) != 1 {
		t.Fatalf("want one JSON object: %v\n%s", err, r.stdout)
	}
	for _, field := range []string{"byline", "dateline", "comments"} {
		if v, ok := got[0][field]; !ok || v != nil {
			t.Errorf("%s = %#v (present %v), want null", field, v, ok)
		}
	}
	if h, ok := got[0]["headings"].([]any); !ok || len(h) != 0 {
		t.Errorf("headings = %#v, want an empty array", got[0]["headings"])
	}
}
