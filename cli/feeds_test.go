package cli

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"kiosk/model/modeltest/corpus"
)

// newsServer is a loopback web server of feeds and pages. Feeds answer a
// matching If-None-Match with 304; it counts the full answers per path.
type newsServer struct {
	*httptest.Server
	mu    sync.Mutex
	files map[string]string // path -> body
	full  map[string]int
}

func startNewsServer(t *testing.T, files map[string]string) *newsServer {
	t.Helper()
	s := &newsServer{files: files, full: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		body, ok := s.files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		body = strings.ReplaceAll(body, "SERVER", "http://"+r.Host)
		etag := fmt.Sprintf(`"%x"`, len(body))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		s.full[r.URL.Path]++
		w.Header().Set("ETag", etag)
		switch {
		case strings.HasSuffix(r.URL.Path, ".json"):
			w.Header().Set("Content-Type", "application/feed+json")
		case strings.HasSuffix(r.URL.Path, ".xml"):
			w.Header().Set("Content-Type", "application/rss+xml")
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		fmt.Fprint(w, body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *newsServer) fullAnswers(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.full[path]
}

const worldRSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>World Desk</title><link>SERVER/</link>
<item><guid>w1</guid><title>Harbour reopens after the storm</title><link>SERVER/story/1</link><author>desk@example.com (Ana Ruiz)</author>
<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate><description><![CDATA[<p>The harbour reopened on Monday.</p><p>Ships queued for <a href="/berths">berths</a>.</p>]]></description></item>
<item><guid>w2</guid><title>Council votes on the budget</title><link>SERVER/story/2</link>
<pubDate>Sun, 01 Nov 2026 09:00:00 GMT</pubDate><description><![CDATA[<p>The council voted.</p>]]></description></item>
</channel></rss>`

const scienceJSON = `{"version": "https://jsonfeed.org/version/1.1", "title": "Science Notes", "items": [
 {"id": "s1", "url": "SERVER/notes/1", "title": "Glaciers retreat faster", "content_html": "<p>Measurements show glaciers retreating.</p>", "date_published": "2026-11-03T08:00:00Z"}]}`

const subsOPML = `<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>
<outline text="News"><outline text="World" type="rss" xmlUrl="SERVER/world.xml"/></outline>
<outline text="Science" type="rss" xmlUrl="SERVER/science.json"/>
</body></opml>`

func writeOPML(t *testing.T, srv *newsServer, opml string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "subs.opml")
	if err := os.WriteFile(p, []byte(strings.ReplaceAll(opml, "SERVER", srv.URL)), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportFetchListShowsTheItemsAndASecondFetchChangesNothing(t *testing.T) {
	srv := startNewsServer(t, map[string]string{"/world.xml": worldRSS, "/science.json": scienceJSON})
	db := filepath.Join(t.TempDir(), "kiosk.db")
	r := kiosk(t, "feeds", "import", writeOPML(t, srv, subsOPML), "--db", db)
	r.expect(t, exitOK)
	if !strings.Contains(r.stdout, "imported 2 feeds") {
		t.Errorf("import says:\n%s", r.stdout)
	}

	r = kiosk(t, "fetch", "--db", db)
	r.expect(t, exitOK)
	// The feeds keep the names the OPML gave them ("World", not the
	// feed's own "World Desk").
	for _, want := range []string{"changed\tWorld\t2 new", "changed\tScience\t1 new"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("fetch output lacks %q:\n%s", want, r.stdout)
		}
	}

	r = kiosk(t, "list", "--db", db)
	r.expect(t, exitOK)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "Glaciers retreat faster") || !strings.Contains(lines[1], "Harbour reopens") {
		t.Fatalf("list after fetch, newest first:\n%s", r.stdout)
	}

	r = kiosk(t, "fetch", "--all", "--json", "--db", db)
	r.expect(t, exitOK)
	var reports []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &reports); err != nil {
		t.Fatal(err)
	}
	for _, rep := range reports {
		if rep["change"] != "unchanged" || rep["outcome"] != "not modified" || rep["added"] != 0.0 {
			t.Errorf("second fetch: %v", rep)
		}
	}
	if n := srv.fullAnswers("/world.xml"); n != 1 {
		t.Errorf("the feed's body was sent %d times: the second fetch should be a conditional GET answered 304", n)
	}

	r = kiosk(t, "show", "2", "--json", "--db", db)
	r.expect(t, exitOK)
	var doc map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["feed"] != "World" || doc["byline"] != "Ana Ruiz" || doc["published"] != "2026-11-02T10:00:00Z" ||
		doc["url"] != srv.URL+"/story/1" || !strings.HasPrefix(doc["id"].(string), "item:") {
		t.Errorf("show --json of an item: %v", doc)
	}
	if links, _ := doc["links"].([]any); len(links) != 1 || links[0] != srv.URL+"/berths" {
		t.Errorf("links of the item: %v", doc["links"])
	}

	r = kiosk(t, "search", "harbour", "--db", db)
	r.expect(t, exitOK)
	if !strings.HasPrefix(r.stdout, "2\tHarbour reopens after the storm\t") {
		t.Errorf("search of stored items:\n%s", r.stdout)
	}

	r = kiosk(t, "feeds", "list", "--json", "--db", db)
	r.expect(t, exitOK)
	var feeds []map[string]any
	json.Unmarshal([]byte(r.stdout), &feeds)
	if len(feeds) != 2 || feeds[1]["title"] != "World" || feeds[1]["folder"] != "News" || feeds[1]["items"] != 2.0 || feeds[1]["unread"] != 2.0 || feeds[1]["last_fetch"] == nil {
		t.Errorf("feeds list --json: %v", feeds)
	}
}

func TestFetchFailingFeedExitsOneWithTheReason(t *testing.T) {
	srv := startNewsServer(t, map[string]string{"/world.xml": worldRSS})
	db := filepath.Join(t.TempDir(), "kiosk.db")
	kiosk(t, "feeds", "import", writeOPML(t, srv, `<opml version="2.0"><body>
		<outline text="World" xmlUrl="SERVER/world.xml"/><outline text="Gone" xmlUrl="SERVER/missing.xml"/></body></opml>`), "--db", db).expect(t, exitOK)
	r := kiosk(t, "fetch", "--db", db)
	r.expect(t, exitError)
	if !strings.Contains(r.stdout, "error\tGone\t"+srv.URL+"/missing.xml: 404") || !strings.Contains(r.stdout, "changed\tWorld") {
		t.Errorf("fetch output:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "1 of 2 feeds failed") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	r = kiosk(t, "feeds", "list", "--db", db)
	if !strings.Contains(r.stdout, "404") {
		t.Errorf("feeds list keeps no last error:\n%s", r.stdout)
	}
}

func TestFeedsAddRefusesWhatIsNotHTTP(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kiosk.db")
	for _, u := range []string{"ftp://example.com/feed.xml", "file:///etc/passwd", "example.com/feed.xml"} {
		r := kiosk(t, "feeds", "add", u, "--db", db)
		r.expect(t, exitUsage)
		if !strings.Contains(r.stderr, "http") {
			t.Errorf("%s: %s", u, r.stderr)
		}
	}
}

func TestFeedsAddFindsTheFeedAPageNames(t *testing.T) {
	srv := startNewsServer(t, map[string]string{
		"/world.xml": worldRSS,
		"/blog":      `<html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" href="/world.xml"></head><body>Hi</body></html>`,
	})
	db := filepath.Join(t.TempDir(), "kiosk.db")
	r := kiosk(t, "feeds", "add", srv.URL+"/blog", "--db", db)
	r.expect(t, exitOK)
	if !strings.Contains(r.stdout, "subscribed: World Desk ("+srv.URL+"/world.xml)") {
		t.Errorf("add of a page:\n%s", r.stdout)
	}
	r = kiosk(t, "feeds", "add", srv.URL+"/world.xml", "--db", db)
	r.expect(t, exitOK)
	if !strings.Contains(r.stdout, "already subscribed") {
		t.Errorf("adding again:\n%s", r.stdout)
	}
	kiosk(t, "feeds", "remove", "1", "--db", db).expect(t, exitOK)
	if r := kiosk(t, "feeds", "list", "--db", db); strings.TrimSpace(r.stdout) != "" {
		t.Errorf("after remove:\n%s", r.stdout)
	}
}

func TestFeedsExportRoundTrip(t *testing.T) {
	opmls := map[string]string{"nested": strings.ReplaceAll(subsOPML, "SERVER", "https://news.example")}
	if dir, ok := corpus.Lookup("feeds"); ok {
		for _, name := range []string{"newsboat/example.opml", "netnewswire/Subs.opml", "newsboat/category.opml"} {
			if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
				opmls[name] = string(data)
			}
		}
	}
	for name, opml := range opmls {
		t.Run(name, func(t *testing.T) {
			first := filepath.Join(t.TempDir(), "a.db")
			in := filepath.Join(t.TempDir(), "in.opml")
			os.WriteFile(in, []byte(opml), 0o600)
			kiosk(t, "feeds", "import", in, "--db", first).expect(t, exitOK)
			exported := kiosk(t, "feeds", "export", "--db", first)
			exported.expect(t, exitOK)
			second := filepath.Join(t.TempDir(), "b.db")
			kioskWithInput(t, exported.stdout, "feeds", "import", "-", "--db", second).expect(t, exitOK)
			a := kiosk(t, "feeds", "list", "--db", first).stdout
			b := kiosk(t, "feeds", "list", "--db", second).stdout
			if a != b || a == "" {
				t.Errorf("feeds after a round trip differ:\n%s\nvs\n%s", a, b)
			}
		})
	}
}

// storyPage is an article page with enough text for readability to find.
var storyPage = `<html><head><title>The whole story</title></head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>The whole story</h1>` + strings.Repeat(`<p>The harbour authority said the berths would stay open through the winter, and that ships queued outside would be taken in order of arrival, as the rules of the port require in a storm season like this one.</p>`, 8) +
	`</article><footer>Copyright</footer></body></html>`

func TestFetchFullTextFetchesThePageOnceAndStoresIt(t *testing.T) {
	summaryRSS := `<?xml version="1.0"?><rss version="2.0"><channel><title>Teasers</title>
<item><guid>t1</guid><title>Ships queue</title><link>SERVER/story</link><description>Ships queue outside the harbour. Read more</description></item>
</channel></rss>`
	srv := startNewsServer(t, map[string]string{"/teasers.xml": summaryRSS, "/story": storyPage})
	db := filepath.Join(t.TempDir(), "kiosk.db")
	kiosk(t, "feeds", "add", srv.URL+"/teasers.xml", "--db", db).expect(t, exitOK)
	r := kiosk(t, "fetch", "--full-text", "--db", db)
	r.expect(t, exitOK)
	if !strings.Contains(r.stdout, "full text\tTeasers\t1 page stored") {
		t.Errorf("fetch --full-text:\n%s", r.stdout)
	}
	r = kiosk(t, "show", "1", "--plain", "--db", db)
	r.expect(t, exitOK)
	if !strings.Contains(r.stdout, "taken in order of arrival") || strings.Contains(r.stdout, "Copyright") {
		t.Errorf("the item shows not the page's text:\n%s", r.stdout)
	}
	kiosk(t, "fetch", "--all", "--full-text", "--db", db).expect(t, exitOK)
	if n := srv.fullAnswers("/story"); n != 1 {
		t.Errorf("the page was fetched %d times, want once", n)
	}
}

func TestFeedsSetFullTextMode(t *testing.T) {
	srv := startNewsServer(t, map[string]string{"/world.xml": worldRSS})
	db := filepath.Join(t.TempDir(), "kiosk.db")
	kiosk(t, "feeds", "add", srv.URL+"/world.xml", "--db", db).expect(t, exitOK)
	kiosk(t, "feeds", "set", srv.URL+"/world.xml", "--full-text", "sometimes", "--db", db).expect(t, exitUsage)
	kiosk(t, "feeds", "set", "1", "--full-text", "never", "--db", db).expect(t, exitOK)
	r := kiosk(t, "feeds", "list", "--json", "--db", db)
	if !strings.Contains(r.stdout, `"full_text": "never"`) {
		t.Errorf("after set:\n%s", r.stdout)
	}
}

func TestFeedsAndPagesGivenAsPathsAreReadOnce(t *testing.T) {
	srv := startNewsServer(t, map[string]string{"/world.xml": worldRSS, "/story": storyPage})
	db := filepath.Join(t.TempDir(), "kiosk.db")

	file := filepath.Join(t.TempDir(), "world.xml")
	os.WriteFile(file, []byte(worldRSS), 0o600)
	for _, path := range []string{file, srv.URL + "/world.xml"} {
		r := kiosk(t, "list", "--json", "--db", db, path)
		r.expect(t, exitOK)
		var items []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &items); err != nil {
			t.Fatal(err)
		}
		if len(items) != 2 || items[0]["feed"] != "World Desk" || items[0]["title"] != "Harbour reopens after the storm" || items[0]["published"] != "2026-11-02T10:00:00Z" {
			t.Errorf("%s: %v", path, items)
		}
	}
	if r := kiosk(t, "feeds", "list", "--db", db); strings.TrimSpace(r.stdout) != "" {
		t.Errorf("reading a feed once subscribed to it:\n%s", r.stdout)
	}

	r := kiosk(t, "show", "1", "--json", srv.URL+"/story")
	r.expect(t, exitOK)
	var doc map[string]any
	json.Unmarshal([]byte(r.stdout), &doc)
	if doc["title"] != "The whole story" || doc["url"] != srv.URL+"/story" || doc["published"] != nil {
		t.Errorf("a page URL: %v", doc)
	}
	blocks, _ := json.Marshal(doc["blocks"])
	if !strings.Contains(string(blocks), "taken in order of arrival") || strings.Contains(string(blocks), "About") {
		t.Errorf("page text: %s", blocks)
	}

	r = kiosk(t, "list", "ftp://example.com/x.xml")
	if r.status == exitOK {
		t.Errorf("an ftp URL as a path was read:\n%s", r.stdout)
	}
}
