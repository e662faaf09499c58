package model

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// storyPage is a small news page: navigation, a share box and a footer
// around an article long enough for readability to pick it out.
func storyPage(charsetMeta, body string) string {
	para := strings.Repeat("The council met on Tuesday and argued about the budget for a long time. ", 6)
	return `<!DOCTYPE html><html><head>` + charsetMeta + `
<title>Council agrees budget | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Council agrees budget">
<meta name="author" content="Jane Writer">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
<link rel="canonical" href="https://news.example.com/2024/council-budget">
<script>var tracking = "secret";</script><style>body{}</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li></ul></nav>
<article>
<h1>Council agrees budget</h1>
<p>` + para + `</p>
<p>` + body + `</p>
<h2>What happens next</h2>
<p>` + para + ` See <a href="/2024/earlier">the earlier story</a>.</p>
<ul><li>Schools get more.</li><li>Roads get less.</li></ul>
<form class="signup"><input type="email"><button>Subscribe</button></form>
</article>
<footer>Copyright The Daily Example</footer>
</body></html>`
}

func TestParsePageMetadataAndBody(t *testing.T) {
	page := storyPage(`<meta charset="utf-8">`, "Prices rose by 5 % in Zürich.")
	a, err := ParsePage("council.html", []byte(page), mustURL(t, "https://news.example.com/2024/council-budget?src=rss"), "text/html")
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Council agrees budget" || a.Byline != "Jane Writer" || a.Feed != "The Daily Example" {
		t.Errorf("title %q, byline %q, feed %q", a.Title, a.Byline, a.Feed)
	}
	if want := time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC); !a.Published.Equal(want) {
		t.Errorf("published %v, want %v", a.Published, want)
	}
	if a.Link != "https://news.example.com/2024/council-budget?src=rss" || a.ID != "council" {
		t.Errorf("link %q, id %q", a.Link, a.ID)
	}
	text := blocksText(a.Blocks, true)
	for _, gone := range []string{"secret", "Politics", "Subscribe", "Copyright", "<", "&"} {
		if strings.Contains(text, gone) {
			t.Errorf("page text holds %q:\n%s", gone, text)
		}
	}
	if !strings.Contains(text, "Prices rose by 5 % in Zürich.") || !strings.Contains(text, "the earlier story[1]") {
		t.Errorf("page text lost its body:\n%s", text)
	}
	if !slices.Equal(a.Links, []string{"https://news.example.com/2024/earlier"}) {
		t.Errorf("links %q", a.Links)
	}
	if hs := a.Headings(); !slices.Equal(hs, []string{"What happens next"}) {
		t.Errorf("headings %q", hs)
	}
	if !slices.Contains(a.Blocks, Block{Kind: ListItem, Text: "Roads get less."}) {
		t.Errorf("list items lost: %+v", a.Blocks)
	}
	if a.Words < 100 {
		t.Errorf("words = %d", a.Words)
	}
}

func TestParsePageDropsRepeatedBylineAndScreenReaderText(t *testing.T) {
	page := strings.Replace(storyPage("", "Body."), "<h1>Council agrees budget</h1>",
		`<h1>Council agrees budget</h1><p>By Jane Writer, March 5, 2024</p>
		<p><span class="visually-hidden">Continue reading the main story</span></p>`, 1)
	a, err := ParsePage("p.html", []byte(page), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	text := blocksText(a.Blocks, true)
	if strings.Contains(text, "Jane Writer") || strings.Contains(text, "Continue reading") {
		t.Errorf("byline or screen-reader text in the body:\n%s", text)
	}
	if a.Byline != "Jane Writer" {
		t.Errorf("byline %q", a.Byline)
	}
}

func TestParsePageCharsets(t *testing.T) {
	latin1 := func(s string) []byte {
		b, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	body := "Grüße aus Köln, sagte Müller."
	cases := []struct {
		name, contentType string
		data              []byte
	}{
		{"meta charset", "", latin1(storyPage(`<meta charset="iso-8859-1">`, body))},
		{"http-equiv", "", latin1(storyPage(`<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">`, body))},
		{"HTTP header over meta", "text/html; charset=iso-8859-1", latin1(storyPage(`<meta charset="utf-8">`, body))},
		{"sniffed, no declaration", "", latin1(storyPage("", body))},
		{"UTF-8 whatever the meta says", "", []byte(storyPage(`<meta charset="gbk">`, body))},
	}
	for _, c := range cases {
		a, err := ParsePage("p.html", c.data, nil, c.contentType)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if text := blocksText(a.Blocks, true); !strings.Contains(text, body) {
			t.Errorf("%s: text does not hold %q:\n%s", c.name, body, text)
		}
	}
}

func TestParsePageFileUsesCanonicalAddress(t *testing.T) {
	a, err := ParsePage("saved.html", []byte(storyPage("", "Body.")), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if a.Link != "https://news.example.com/2024/council-budget" {
		t.Errorf("link %q", a.Link)
	}
	if !slices.Equal(a.Links, []string{"https://news.example.com/2024/earlier"}) {
		t.Errorf("links %q: relative links resolve against the canonical address", a.Links)
	}
}

func TestParsePageRefusesWhatIsNoPage(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty body": []byte("<html><head><title>x</title></head><body>  </body></html>"),
		"binary":     {0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R', 0, 0, 1, 0},
	} {
		if a, err := ParsePage("x.html", data, nil, ""); err == nil {
			t.Errorf("%s: got an article %+v", name, a)
		}
	}
}

func TestLoadPathsReadsHTMLFilesAsPages(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"story.html": storyPage("", "From the HTML file."),
		"old.htm":    storyPage("", "From the HTM file."),
		"note.txt":   "A note\n\nPlain <b>text</b> stays as written.\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := LoadPaths([]string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, a := range lib.Articles {
		got[a.ID] = blocksText(a.Blocks, true)
	}
	if !strings.Contains(got["story"], "From the HTML file.") || !strings.Contains(got["old"], "From the HTM file.") {
		t.Errorf("HTML files not read as pages: %q", got)
	}
	if strings.Contains(got["story"], "secret") || strings.Contains(got["story"], "<p>") {
		t.Errorf("page markup or script reached the text: %q", got["story"])
	}
	if !strings.Contains(got["note"], "Plain <b>text</b>") {
		t.Errorf("a .txt file is no page: %q", got["note"])
	}
}

// FuzzParsePage: no page panics the extraction, and nothing it returns can
// act on a terminal.
func FuzzParsePage(f *testing.F) {
	f.Add([]byte(storyPage(`<meta charset="utf-8">`, "x")), "")
	f.Add([]byte("<html><body><p>\x1b[2Jhi <a href='javascript:x'>l</a></p><table><tr><td>a<td>b</table>"), "text/html; charset=koi8-r")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		a, err := ParsePage("f.html", data, mustURL(t, "https://example.com/a"), contentType)
		if err != nil {
			return
		}
		for _, s := range []string{a.Title, a.Byline, a.Feed, a.Link, a.Source} {
			assertTerminalSafe(t, s)
		}
		for _, b := range a.Blocks {
			assertTerminalSafe(t, b.Text)
		}
		for _, l := range a.Links {
			assertTerminalSafe(t, l)
		}
	})
}
