package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"kiosk/model"
	"kiosk/seeds"
)

// testdata/legacy holds state files written by kiosk's former JSON state
// package (model/state): state.json for the local reader, and sessions/
// with the files of two SSH readers, "SHA256:readerA" and "SHA256:readerB".

func copyLegacy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/legacy")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeFiles(t *testing.T, names ...string) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for _, n := range names {
		p := filepath.Join(dir, n)
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, []byte("A title\n\nSome text of "+n+".\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return dir, paths
}

func load(t *testing.T, paths ...string) *model.Library {
	t.Helper()
	lib, err := model.LoadPaths(paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func keyOf(t *testing.T, lib *model.Library, path string) string {
	t.Helper()
	for _, a := range lib.Articles {
		if a.Key == "file:"+path {
			return a.Key
		}
	}
	t.Fatalf("no article for %s", path)
	return ""
}

func TestImportLocalStateAndAdoptWhereUnambiguous(t *testing.T) {
	ctx := context.Background()
	legacy := copyLegacy(t)
	file := filepath.Join(legacy, "state.json")
	before, _ := os.ReadFile(file)
	dir, _ := writeFiles(t, "alpha.txt", "beta.md", "one/report.txt", "two/report.txt")

	db := openTemp(t)
	st := openState(t, db, "")
	n, err := st.ImportJSON(ctx, file)
	if err != nil || n != 5 {
		t.Fatalf("ImportJSON = %d, %v; want 5 entries", n, err)
	}
	lib := load(t, dir)
	if err := st.Adopt(ctx, lib); err != nil {
		t.Fatal(err)
	}
	if !st.Get(keyOf(t, lib, filepath.Join(dir, "alpha.txt"))).Starred {
		t.Error("alpha's star was not imported")
	}
	if got := st.Get(keyOf(t, lib, filepath.Join(dir, "beta.md"))).Position; got != (model.Position{Block: 7}) {
		t.Errorf("beta's place %+v, want block 7", got)
	}
	one, two := filepath.Join(dir, "one", "report.txt"), filepath.Join(dir, "two", "report.txt")
	if st.Get(keyOf(t, lib, one)).Read || st.Get(keyOf(t, lib, two)).Read {
		t.Error("the read mark of 'report' went to one of two files of that name")
	}

	// Alone in a library, the name is unambiguous again.
	lib = load(t, one)
	st.Adopt(ctx, lib)
	if !st.Get(keyOf(t, lib, one)).Read {
		t.Error("report's read mark was not adopted once unambiguous")
	}

	seedLib, err := model.LoadFS(seeds.FS, "seeds")
	if err != nil {
		t.Fatal(err)
	}
	st.Adopt(ctx, seedLib)
	want := Entry{Read: true, Starred: true, Position: model.Position{Block: 4, Line: 2}}
	if got := st.Get(seedLib.Articles[0].Key); got != want {
		t.Errorf("embedded seed %+v, want %+v", got, want)
	}
	st.Close()

	if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
		t.Error("the old state file was changed")
	}
	var unclaimed int
	db.sql.QueryRow(`SELECT count(*) FROM legacy_state WHERE reader = '' AND old_id = 'gone'`).Scan(&unclaimed)
	if unclaimed != 1 {
		t.Error("the state of an article not loaded yet was dropped")
	}

	again := openState(t, db, "")
	if n, err := again.ImportJSON(ctx, file); n != 0 || err != nil {
		t.Errorf("a second import: %d, %v; want it passed over", n, err)
	}
	if !again.Get(keyOf(t, lib, one)).Read {
		t.Error("the adopted mark is not in the database")
	}
}

func TestImportServerStatePerSSHKey(t *testing.T) {
	ctx := context.Background()
	legacy := filepath.Join(copyLegacy(t), "sessions")
	dir, _ := writeFiles(t, "alpha.txt", "beta.txt")
	lib := load(t, dir)
	alpha, beta := keyOf(t, lib, filepath.Join(dir, "alpha.txt")), keyOf(t, lib, filepath.Join(dir, "beta.txt"))
	db := openTemp(t)

	a := openState(t, db, "SHA256:readerA")
	if n, err := a.ImportJSON(ctx, LegacyReaderFile(legacy, "SHA256:readerA")); n != 2 || err != nil {
		t.Fatalf("reader A: imported %d, %v; want 2", n, err)
	}
	a.Adopt(ctx, lib)
	if got := a.Get(alpha); !got.Read || got.Starred {
		t.Errorf("reader A alpha %+v, want read only", got)
	}
	if !a.Get(beta).Starred {
		t.Error("reader A's star on beta was lost")
	}
	b := openState(t, db, "SHA256:readerB")
	b.ImportJSON(ctx, LegacyReaderFile(legacy, "SHA256:readerB"))
	b.Adopt(ctx, lib)
	if got := b.Get(alpha); got.Read || !got.Starred {
		t.Errorf("reader B alpha %+v, want starred only", got)
	}
	c := openState(t, db, "SHA256:stranger")
	if n, err := c.ImportJSON(ctx, LegacyReaderFile(legacy, "SHA256:stranger")); n != 0 || err != nil {
		t.Errorf("a reader without a file: %d, %v", n, err)
	}
}

func TestImportOfABrokenFileIsReportedOnce(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "state.json")
	os.WriteFile(file, []byte("{not json"), 0o600)
	st := openState(t, openTemp(t), "")
	if _, err := st.ImportJSON(ctx, file); err == nil {
		t.Error("a broken file was imported silently")
	}
	if _, err := st.ImportJSON(ctx, file); err != nil {
		t.Errorf("the broken file is reported again: %v", err)
	}
	if data, _ := os.ReadFile(file); string(data) != "{not json" {
		t.Error("the broken file was changed")
	}
}

// Two kiosks started at once for the first time both find the old file
// unimported: it is imported once, and neither reports an error.
func TestTwoFirstOpensImportOnceWithoutError(t *testing.T) {
	file := filepath.Join(copyLegacy(t), "state.json")
	for round := range 10 {
		path := tempPath(t)
		var wg sync.WaitGroup
		start := make(chan struct{})
		imported := make([]int, 2)
		errs := make([]error, 2)
		for i := range 2 {
			wg.Go(func() {
				ctx := context.Background()
				<-start
				db, err := Open(ctx, path)
				if err != nil {
					errs[i] = err
					return
				}
				defer db.Close()
				st, err := db.State(ctx, "")
				if err != nil {
					errs[i] = err
					return
				}
				defer st.Close()
				imported[i], errs[i] = st.ImportJSON(ctx, file)
			})
		}
		close(start)
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if imported[0]+imported[1] != 5 {
			t.Fatalf("round %d: imported %d and %d entries; want 5 once", round, imported[0], imported[1])
		}
	}
}

// Two old files of one reader (a state.json and --state FILE) meet in the
// imported state field by field, the later change winning.
func TestTwoImportedFilesMergeFieldByField(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	one, two := filepath.Join(dir, "one.json"), filepath.Join(dir, "two.json")
	os.WriteFile(one, []byte(`{"version": 1, "articles": {"alpha": {
		"read": true, "read_at": "2026-11-01T10:00:00Z",
		"starred": true, "starred_at": "2026-11-03T10:00:00Z"}}}`), 0o600)
	os.WriteFile(two, []byte(`{"version": 1, "articles": {"alpha": {
		"read": false, "read_at": "2026-11-02T10:00:00Z",
		"starred": false, "starred_at": "2026-10-01T10:00:00Z",
		"position": {"block": 3}, "position_at": "2026-11-02T10:00:00Z"}}}`), 0o600)
	st := openState(t, openTemp(t), "")
	for _, f := range []string{one, two} {
		if _, err := st.ImportJSON(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	files, _ := writeFiles(t, "alpha.txt")
	lib := load(t, files)
	if err := st.Adopt(ctx, lib); err != nil {
		t.Fatal(err)
	}
	want := Entry{Starred: true, Position: model.Position{Block: 3}}
	if got := st.Get(keyOf(t, lib, filepath.Join(files, "alpha.txt"))); got != want {
		t.Errorf("alpha %+v, want %+v: the later unread and the later star both win", got, want)
	}
}
