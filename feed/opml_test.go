package feed

import (
	"bytes"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const nestedOPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Mine</title></head><body>
  <outline type="rss" text="Top" xmlUrl="https://top.example/feed"/>
  <outline text="News" title="ignored, text wins">
    <outline text="Tech">
      <outline type="rss" title="Deep &amp; Dark" xmlURL="https://deep.example/rss" htmlUrl="https://deep.example/"/>
    </outline>
    <outline type="rss" text="Wire" xmlurl="http://wire.example/atom" category="a, b/c"/>
  </outline>
  <outline type="rss" text="Again" xmlUrl="https://top.example/feed"/>
  <outline type="rss" text="Script" xmlUrl="|~/bin/fetch.sh"/>
  <outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
  <outline type="rss" text="No URL"/>
</body></opml>`

func TestReadOPMLFoldersAndSkips(t *testing.T) {
	list, err := ReadOPML(strings.NewReader(nestedOPML))
	if err != nil {
		t.Fatal(err)
	}
	want := []Subscription{
		{Title: "Top", FeedURL: "https://top.example/feed"},
		{Title: "Deep & Dark", FeedURL: "https://deep.example/rss", SiteURL: "https://deep.example/", Folder: "News/Tech"},
		{Title: "Wire", FeedURL: "http://wire.example/atom", Folder: "News", Categories: []string{"a", "b/c"}},
	}
	if !reflect.DeepEqual(list.Subscriptions, want) {
		t.Errorf("subscriptions\n got %+v\nwant %+v", list.Subscriptions, want)
	}
	if list.Title != "Mine" {
		t.Errorf("title %q", list.Title)
	}
	reasons := map[string]string{"Again": "listed before", "Script": "not a web address", "Local": "file: scheme", "No URL": "no xmlUrl"}
	if len(list.Skipped) != len(reasons) {
		t.Errorf("skipped %+v, want %d", list.Skipped, len(reasons))
	}
	for _, s := range list.Skipped {
		if !strings.Contains(s.Reason, reasons[s.Title]) {
			t.Errorf("skipped %q: reason %q, want it to say %q", s.Title, s.Reason, reasons[s.Title])
		}
	}
}

func TestReadOPMLRefusesWithReasons(t *testing.T) {
	cases := map[string]string{
		"":                                   "empty",
		"<html><body></body></html>":         "root element is <html>",
		`<opml version="2.0"><head/></opml>`: "without a <body>",
		`<opml version="2.0"><body><outline`: "not OPML",
		"\x00garbage":                        "not OPML",
	}
	for doc, want := range cases {
		_, err := ReadOPML(strings.NewReader(doc))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want an error saying %q", doc, err, want)
		}
	}
}

func TestWriteOPMLRoundTrip(t *testing.T) {
	in := &SubscriptionList{Title: "kiosk <test>", Subscriptions: []Subscription{
		{Title: "Zürich \"Zeitung\" & <Co>", FeedURL: "https://z.example/feed?a=1&b=2", SiteURL: "https://z.example/"},
		{Title: "Deep", FeedURL: "https://deep.example/rss", Folder: "News/Tech"},
		{Title: "Flat", FeedURL: "https://flat.example/rss", Folder: "News"},
		{Title: "Deeper", FeedURL: "https://deeper.example/rss", Folder: "News/Tech", Categories: []string{"x", "y"}},
	}}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, in); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`<opml version="2.0">`)) {
		t.Errorf("not OPML 2.0:\n%s", buf.String())
	}
	out, err := ReadOPML(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if out.Title != in.Title {
		t.Errorf("title %q, want %q", out.Title, in.Title)
	}
	assertSameSubscriptions(t, "written list", out.Subscriptions, in.Subscriptions)
}

// TestOPMLCorpusRoundTrip reads every OPML file of the corpus, writes it
// as OPML 2.0 and reads that back: the same subscriptions come out. The
// corpus's deliberately broken files are refused with a reason.
func TestOPMLCorpusRoundTrip(t *testing.T) {
	for _, cf := range corpusOf(t, "opml") {
		data, err := os.ReadFile(cf.path)
		if err != nil {
			t.Fatal(err)
		}
		list, err := ReadOPML(bytes.NewReader(data))
		if err != nil {
			t.Logf("refused %s: %v", cf.name, err)
			if !strings.Contains(cf.name, "missing") {
				t.Errorf("%s: refused: %v", cf.name, err)
			}
			continue
		}
		if strings.Contains(cf.name, "missing") {
			t.Errorf("%s is broken on purpose, yet read %d feeds", cf.name, len(list.Subscriptions))
		}
		if len(list.Subscriptions) == 0 {
			t.Errorf("%s: no subscriptions read", cf.name)
		}
		var buf bytes.Buffer
		if err := WriteOPML(&buf, list); err != nil {
			t.Fatal(err)
		}
		again, err := ReadOPML(&buf)
		if err != nil {
			t.Fatalf("%s: reading back what was written: %v", cf.name, err)
		}
		assertSameSubscriptions(t, cf.name, again.Subscriptions, list.Subscriptions)
		folders := 0
		for _, s := range list.Subscriptions {
			if s.Folder != "" {
				folders++
			}
		}
		t.Logf("read    %s: %d feeds (%d in folders), %d skipped", cf.name, len(list.Subscriptions), folders, len(list.Skipped))
		for _, s := range list.Skipped {
			t.Logf("        skipped %q: %s", s.URL, s.Reason)
		}
	}
}

func assertSameSubscriptions(t *testing.T, what string, got, want []Subscription) {
	t.Helper()
	byURL := func(a, b Subscription) int { return strings.Compare(a.FeedURL, b.FeedURL) }
	got, want = slices.Clone(got), slices.Clone(want)
	slices.SortFunc(got, byURL)
	slices.SortFunc(want, byURL)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: round trip changed the subscriptions\n got %+v\nwant %+v", what, got, want)
	}
}
