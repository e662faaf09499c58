package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

const seedFooter = "Kommentare anzeigen"

func TestShowPlain(t *testing.T) {
	heading := "\n" + seedHeading + "\n" + strings.Repeat("-", len(seedHeading)) + "\n"
	tests := []struct {
		name         string
		args         []string
		wantHeading  string
		wantFooter   bool
		wantMaxWidth int
	}{
		{"piped", []string{"show", "1"}, heading, false, 80},
		{"plain flag", []string{"show", "1", "--plain"}, heading, false, 80},
		{"by id", []string{"show", "000_36dbd7c5854988d2"}, heading, false, 80},
		{"with comments", []string{"show", "1", "--comments"}, heading, true, 80},
		{"narrow", []string{"show", "1", "--width", "40"}, "\nNordkorea ratifiziert\nVerteidigungsabkommen mit Russland\n" + strings.Repeat("-", 34) + "\n", false, 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := kiosk(t, tt.args...)
			r.expect(t, exitOK)
			if !strings.Contains(r.stdout, tt.wantHeading) {
				t.Errorf("want the heading on its own line, underlined:\n%s", r.stdout)
			}
			if !strings.Contains(r.stdout, "Ivd · Paris/Moskau · ") {
				t.Errorf("want byline and dateline under the title:\n%s", r.stdout)
			}
			if got := strings.Contains(r.stdout, seedFooter); got != tt.wantFooter {
				t.Errorf("footer shown = %v, want %v:\n%s", got, tt.wantFooter, r.stdout)
			}
			for line := range strings.SplitSeq(r.stdout, "\n") {
				if w := ansi.StringWidth(line); w > tt.wantMaxWidth {
					t.Errorf("line is %d columns, want at most %d: %q", w, tt.wantMaxWidth, line)
				}
			}
		})
	}
}

func TestShowPlainKeepsTheArticleText(t *testing.T) {
	r := kiosk(t, "show", "1", "--width", "1000")
	r.expect(t, exitOK)
	// Unwrapped, each paragraph of the seed is one line of the output.
	for line := range strings.SplitSeq(string(seedBytes(t)), "\n") {
		if strings.HasPrefix(line, "Die sicherheitspolitische") && !strings.Contains(r.stdout, line+"\n") {
			t.Errorf("paragraph missing or changed: %q", line)
		}
	}
}

func TestShowJSONHasTheBodyBlocks(t *testing.T) {
	r := kiosk(t, "show", "1", "--json")
	r.expect(t, exitOK)
	var got struct {
		Index          int      `json:"index"`
		Byline         string   `json:"byline"`
		Comments       int      `json:"comments"`
		CommentsFooter []string `json:"comments_footer"`
		Blocks         []struct {
			Kind, Text string
		} `json:"blocks"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, r.stdout)
	}
	var kinds []string
	for _, b := range got.Blocks {
		kinds = append(kinds, b.Kind)
	}
	want := "paragraph paragraph paragraph heading paragraph paragraph"
	if strings.Join(kinds, " ") != want {
		t.Errorf("block kinds = %v, want %s", kinds, want)
	}
	if len(got.Blocks) > 3 && got.Blocks[3].Text != seedHeading {
		t.Errorf("heading block = %q, want %q", got.Blocks[3].Text, seedHeading)
	}
	if got.Index != 1 || got.Byline != "Ivd" || got.Comments != 10 {
		t.Errorf("index, byline, comments = %d, %q, %d; want 1, Ivd, 10", got.Index, got.Byline, got.Comments)
	}
	if len(got.CommentsFooter) != 2 || got.CommentsFooter[1] != seedFooter {
		t.Errorf("comments_footer = %q, want the seed's two footer lines", got.CommentsFooter)
	}
}

func TestShowErrors(t *testing.T) {
	story := filepath.Join(writeFiles(t, map[string][]byte{"story.txt": seedBytes(t)}), "story.txt")
	tests := []struct {
		name   string
		args   []string
		status int
		stderr []string // each must appear in standard error
	}{
		{"number past the end", []string{"show", "99"}, exitError, []string{"99", "kiosk list"}},
		{"zero", []string{"show", "0"}, exitError, []string{"0"}},
		{"unknown id", []string{"show", "no-such-article"}, exitError, []string{"no-such-article"}},
		{"no article given", []string{"show"}, exitUsage, []string{"kiosk list", "kiosk show --help"}},
		{"width too small", []string{"show", "1", "--width", "5"}, exitUsage, []string{"--width 5"}},
		{"unknown theme", []string{"show", "1", "--theme", "blue"}, exitUsage, []string{`"blue"`, "auto, dark or light"}},
		{"json and plain", []string{"show", "1", "--json", "--plain"}, exitUsage, []string{"json", "plain"}},
		{"unknown flag", []string{"show", "1", "--colour"}, exitUsage, []string{"--colour"}},
		{"a file instead of a number", []string{"show", story}, exitUsage, []string{"is a file", "kiosk show 1 " + story}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := kiosk(t, tt.args...)
			r.expect(t, tt.status)
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			for _, s := range tt.stderr {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("stderr does not mention %q:\n%s", s, r.stderr)
				}
			}
		})
	}
}
