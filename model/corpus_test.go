package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/model/modeltest/corpus"
)

func parseFileT(t *testing.T, p string) *Article {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse(p, data)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return a
}

func articleText(a *Article) string {
	return a.Title + "\n" + a.Byline + "\n" + strings.Join(texts(a.Blocks), "\n")
}

// TestAwkwardEncodingsMatchTheirTwins: every re-encoded file gives the same
// article as its UTF-8 original.
func TestAwkwardEncodingsMatchTheirTwins(t *testing.T) {
	dir := corpus.Path(t, "awkward")
	twins := map[string]string{
		"bbc_zitros--bom--business--1m-payoff-for-former-shell-boss.txt":         "bbc/business--1m-payoff-for-former-shell-boss.txt",
		"bbc_zitros--bom-crlf--business--1m-payoff-for-former-shell-boss.txt":    "bbc/business--1m-payoff-for-former-shell-boss.txt",
		"bbc_zitros--cp1252--business--1m-payoff-for-former-shell-boss.txt":      "bbc/business--1m-payoff-for-former-shell-boss.txt",
		"bbc_zitros--cp1252-crlf--business--1m-payoff-for-former-shell-boss.txt": "bbc/business--1m-payoff-for-former-shell-boss.txt",
		"bbc_zitros--crlf--business--1m-payoff-for-former-shell-boss.txt":        "bbc/business--1m-payoff-for-former-shell-boss.txt",
		"xtext-candide-utf-16le.txt":                                             "awkward/xtext-candide-utf-8.txt",
		"xtext-candide-windows-1252.txt":                                         "awkward/xtext-candide-utf-8.txt",
	}
	for file, twin := range twins {
		got := articleText(parseFileT(t, filepath.Join(dir, file)))
		want := articleText(parseFileT(t, filepath.Join(dir, "..", twin)))
		if got != want {
			t.Errorf("%s differs from its UTF-8 twin %s", file, twin)
		}
		if !strings.ContainsAny(want, "£éèàç") {
			t.Errorf("twin %s holds no non-ASCII text: the comparison proves nothing", twin)
		}
	}
}

// TestBBCHeadingsAreNeverBulletsOrBrokenSentences checks every heading the
// parser finds in the BBC corpus against the source file: the line it came
// from is not a bullet, the line before it ends a sentence, and the text
// after it starts a new one.
func TestBBCHeadingsAreNeverBulletsOrBrokenSentences(t *testing.T) {
	dir := corpus.Path(t, "bbc")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) < 2000 {
		t.Fatalf("found %d BBC files, want 2,095", len(files))
	}
	headings := 0
	for _, p := range files {
		a := parseFileT(t, p)
		if len(a.Blocks) == 0 {
			t.Errorf("%s: no body", p)
		}
		data, _ := os.ReadFile(p)
		var lines []string
		for _, l := range strings.Split(string(data), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		for _, h := range a.Headings() {
			headings++
			i := indexOf(lines, h)
			if i <= 0 || i == len(lines)-1 {
				t.Errorf("%s: heading %q is not a line between two others", p, h)
				continue
			}
			if strings.ContainsAny(h[:1], "-*•") {
				t.Errorf("%s: bullet line became a heading: %q", p, h)
			}
			if !strings.ContainsAny(lines[i-1][len(lines[i-1])-1:], ".!?:\"')") {
				t.Errorf("%s: heading %q follows an unfinished sentence %q", p, h, lines[i-1])
			}
			if next := lines[i+1]; strings.ToLower(next[:1]) == next[:1] && strings.ToUpper(next[:1]) != next[:1] {
				t.Errorf("%s: heading %q is cut from a sentence that goes on in %q", p, h, next)
			}
		}
	}
	t.Logf("%d files, %d headings", len(files), headings)
}

func indexOf(lines []string, s string) int {
	for i, l := range lines {
		if l == s {
			return i
		}
	}
	return -1
}

// TestWireStoriesJoinHardWrappedLines: in the hard-wrapped Reuters sample,
// no paragraph is a fragment of a wrapped line and most stories have a
// dateline.
func TestWireStoriesJoinHardWrappedLines(t *testing.T) {
	dir := corpus.Path(t, "reuters-sample")
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	datelines := 0
	for _, p := range files {
		a := parseFileT(t, p)
		if a.Title == "" || strings.HasSuffix(a.Title, "…") {
			t.Errorf("%s: the headline line was not taken as the title: %q", p, a.Title)
		}
		if a.Dateline != "" {
			datelines++
		}
		for _, b := range a.Blocks {
			if b.Kind == Paragraph && startsLower(b.Text) {
				t.Errorf("%s: paragraph starts mid-sentence: %.60q", p, b.Text)
			}
		}
	}
	if datelines*10 < len(files)*9 {
		t.Errorf("found datelines in %d of %d wire stories, want at least 90%%", datelines, len(files))
	}
}
