package feed

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/model/modeltest/corpus"
)

// corpusFile is one file the manifest names, by kind.
type corpusFile struct {
	name string // as in the manifest, e.g. "netnewswire/3960.json"
	path string
	kind string // "feed", "opml" or "page"
}

// corpusFiles lists the files feeds.manifest.tsv names: OPML files and web
// pages (kept for autodiscovery) apart from the feeds.
func corpusFiles(t testing.TB) []corpusFile {
	t.Helper()
	dir := corpus.Path(t, "feeds")
	f, err := os.Open(filepath.Join(dir, "..", "feeds.manifest.tsv"))
	if err != nil {
		t.Skipf("feed corpus manifest not present: %v", err)
	}
	defer f.Close()
	var files []corpusFile
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		name, _, _ := strings.Cut(sc.Text(), "\t")
		if first || name == "" {
			continue
		}
		kind := "feed"
		switch strings.ToLower(filepath.Ext(name)) {
		case ".opml":
			kind = "opml"
		case ".html":
			kind = "page"
		}
		files = append(files, corpusFile{name: name, path: filepath.Join(dir, name), kind: kind})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return files
}

func corpusOf(t testing.TB, kind string) []corpusFile {
	var out []corpusFile
	for _, f := range corpusFiles(t) {
		if f.kind == kind {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		t.Fatalf("the corpus manifest names no %s files", kind)
	}
	return out
}
