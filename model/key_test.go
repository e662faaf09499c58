package model

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func writeArticle(t *testing.T, path string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(path), 0o700)
	if err := os.WriteFile(path, []byte("Title\n\nText.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
}

func keys(t *testing.T, paths ...string) map[string]string {
	t.Helper()
	lib, err := LoadPaths(paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, a := range lib.Articles {
		out[a.Source] = a.Key
	}
	return out
}

func TestKeysDoNotMoveWhenOtherFilesComeAndGo(t *testing.T) {
	dir := t.TempDir()
	b := filepath.Join(dir, "b", "report.txt")
	writeArticle(t, b)
	before := keys(t, dir)[b]

	// A file of the same name sorts before it: its ID becomes report-2,
	// its key stays.
	writeArticle(t, filepath.Join(dir, "a", "report.txt"))
	writeArticle(t, filepath.Join(dir, "c.txt"))
	after := keys(t, dir)
	if after[b] != before {
		t.Errorf("adding files moved the key of %s from %q to %q", b, before, after[b])
	}
	if after[filepath.Join(dir, "a", "report.txt")] == before {
		t.Error("two files share a key")
	}
	os.Rename(filepath.Join(dir, "c.txt"), filepath.Join(dir, "d.txt"))
	if keys(t, dir)[b] != before {
		t.Error("renaming another file moved the key")
	}
	if before != "file:"+b {
		t.Errorf("key %q, want file: and the absolute path", before)
	}
}

func TestTheSamePathNamedTwiceIsOneArticle(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "news", "x.txt")
	writeArticle(t, p)
	t.Chdir(dir)
	lib, err := LoadPaths([]string{"news/x.txt", "./news/../news/x.txt", p, "news"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Articles) != 1 {
		t.Fatalf("%d articles, want 1", len(lib.Articles))
	}
	if lib.Articles[0].Key != "file:"+p || lib.Articles[0].ID != "x" {
		t.Errorf("key %q id %q", lib.Articles[0].Key, lib.Articles[0].ID)
	}
}

func TestEmbeddedArticlesHaveFixedKeys(t *testing.T) {
	lib, err := LoadFS(fstest.MapFS{"dir/a.txt": {Data: []byte("A\n\nText.\n")}}, "embedded")
	if err != nil {
		t.Fatal(err)
	}
	if a := lib.Articles[0]; a.Key != "embedded:dir/a.txt" || a.NameID() != "a" {
		t.Errorf("key %q name ID %q", a.Key, a.NameID())
	}
}
