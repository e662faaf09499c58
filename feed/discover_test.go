package feed

import (
	"net/url"
	"os"
	"path"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestDiscover(t *testing.T) {
	page := `<!doctype html><html><head>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title=" Main " href="/feed.xml">
<LINK REL="Alternate Feed" TYPE="Application/Atom+XML; charset=utf-8" HREF="atom.xml">
<link rel="alternate" type="application/feed+json" href="https://other.example/feed.json">
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/1">
<link rel="alternate" hreflang="de" href="/de/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
<link rel="alternate" type="application/rss+xml" href="">
<link rel="alternate" type="application/rdf+xml" href="//cdn.example/rdf">
</head><body><a rel="alternate" type="application/rss+xml" href="/not-a-link-element">x</a></body></html>`
	got, err := Discover(strings.NewReader(page), "text/html", "https://site.example/blog/post.html")
	if err != nil {
		t.Fatal(err)
	}
	want := []FeedLink{
		{URL: "https://site.example/feed.xml", Title: "Main", Type: "application/rss+xml"},
		{URL: "https://site.example/blog/atom.xml", Type: "application/atom+xml"},
		{URL: "https://other.example/feed.json", Type: "application/feed+json"},
		{URL: "https://cdn.example/rdf", Type: "application/rdf+xml"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestDiscoverHonoursBaseAndCharset(t *testing.T) {
	page := `<html><head><meta charset="iso-8859-1"><base href="https://cdn.example/root/">` +
		`<link rel="alternate" type="application/atom+xml" title="Café" href="feed"></head></html>`
	latin, err := charmap.ISO8859_1.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Discover(strings.NewReader(latin), "", "https://site.example/")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].URL != "https://cdn.example/root/feed" || got[0].Title != "Café" {
		t.Errorf("got %+v, want the feed under <base> titled Café", got)
	}
}

// TestDiscoverCorpusPages finds the feeds of the real pages in the corpus:
// the number each page names, all absolute web URLs, relative ones on the
// page's own host; app links and alternate languages are not feeds.
func TestDiscoverCorpusPages(t *testing.T) {
	want := map[string]int{
		"netnewswire/DaringFireball.html":       1,
		"netnewswire/YouTubeTheVolvoRocks.html": 1,
		"netnewswire/coco.html":                 2,
		"netnewswire/furbo.html":                1,
		"netnewswire/inessential.html":          1,
		"netnewswire/sixcolors.html":            1,
	}
	relative := map[string]bool{"netnewswire/DaringFireball.html": true, "netnewswire/coco.html": true}
	for _, cf := range corpusOf(t, "page") {
		f, err := os.Open(cf.path)
		if err != nil {
			t.Fatal(err)
		}
		pageURL := "https://" + strings.TrimSuffix(path.Base(cf.name), ".html") + ".example/page"
		links, err := Discover(f, "text/html", pageURL)
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", cf.name, err)
			continue
		}
		if n, ok := want[cf.name]; !ok || len(links) != n {
			t.Errorf("%s: %d feeds found, want %d: %+v", cf.name, len(links), n, links)
		}
		for _, l := range links {
			u, err := url.Parse(l.URL)
			if err != nil || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") {
				t.Errorf("%s: %q is not an absolute web URL", cf.name, l.URL)
			}
			if relative[cf.name] && !strings.HasPrefix(l.URL, pageURL[:strings.LastIndex(pageURL, "/")]) {
				t.Errorf("%s: the relative link %q is not resolved against %s", cf.name, l.URL, pageURL)
			}
			t.Logf("%s: %s %q %s", cf.name, l.Type, l.Title, l.URL)
		}
	}
}
