package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const seedID = "000_36dbd7c5854988d2"

// oldStateFile writes a state file of an earlier kiosk (JSON, keyed by
// file-name IDs) in which the seed is read and starred.
func oldStateFile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "state.json")
	os.MkdirAll(dir, 0o700)
	data := `{"version": 1, "articles": {
  "` + seedID + `": {"read":true,"read_at":"2026-11-30T10:00:00Z","starred":true,"starred_at":"2026-11-30T10:00:01Z"}
}}`
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func listFields(t *testing.T, r result) []string {
	t.Helper()
	r.expect(t, exitOK)
	first, _, _ := strings.Cut(r.stdout, "\n")
	return strings.Split(first, "\t")
}

func TestListShowsReadAndStarredImportedWithState(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kiosk.db")
	path := oldStateFile(t, t.TempDir())
	before, _ := os.ReadFile(path)
	fields := listFields(t, kiosk(t, "list", "--db", db, "--state", path))
	if len(fields) != 6 || fields[4] != "read" || fields[5] != "starred" {
		t.Errorf("list --state: fields %q, want read and starred last", fields)
	}
	// The first four columns stay where scripts expect them.
	if fields[0] != "1" || fields[2] != "Ivd" || fields[3] != "10" {
		t.Errorf("the first columns moved: %q", fields)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the old state file was changed")
	}

	// Imported once: the database keeps it without the file.
	os.Remove(path)
	r := kiosk(t, "list", "--json", "--db", db)
	r.expect(t, exitOK)
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) != len(seedNames(t)) {
		t.Fatalf("want one JSON object per built-in article: %v\n%s", err, r.stdout)
	}
	if got[0]["read"] != true || got[0]["starred"] != true {
		t.Errorf("read = %v, starred = %v; want both true", got[0]["read"], got[0]["starred"])
	}
}

func TestListUsesTheDefaultDatabaseAndImportsTheOldDefaultFile(t *testing.T) {
	stateHome, dataHome := t.TempDir(), t.TempDir()
	t.Setenv("XDG_STATE_HOME", stateHome)
	t.Setenv("XDG_DATA_HOME", dataHome)
	oldStateFile(t, filepath.Join(stateHome, "kiosk"))
	if fields := listFields(t, kiosk(t, "list")); fields[4] != "read" {
		t.Errorf("list did not import $XDG_STATE_HOME/kiosk/state.json: %q", fields)
	}
	if _, err := os.Stat(filepath.Join(dataHome, "kiosk", "kiosk.db")); err != nil {
		t.Errorf("no database at $XDG_DATA_HOME/kiosk/kiosk.db: %v", err)
	}
	if fields := listFields(t, kiosk(t, "list", "--no-state")); fields[4] != "unread" || fields[5] != "" {
		t.Errorf("list --no-state used the database: %q", fields)
	}
}

func TestNoStateWritesNothing(t *testing.T) {
	stateHome, dataHome := t.TempDir(), t.TempDir()
	t.Setenv("XDG_STATE_HOME", stateHome)
	t.Setenv("XDG_DATA_HOME", dataHome)
	kiosk(t, "list", "--no-state").expect(t, exitOK)
	for _, dir := range []string{stateHome, dataHome} {
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("--no-state created %v in %s", entries, dir)
		}
	}
}

func TestDBInAMissingFolderIsAnErrorAndCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	r := kiosk(t, "list", "--db", filepath.Join(dir, "missing", "kiosk.db"))
	r.expect(t, exitError)
	if !strings.Contains(r.stderr, "does not exist") {
		t.Errorf("the error does not say the folder is missing:\n%s", r.stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) > 0 {
		t.Errorf("created %v", entries)
	}
}

func TestStateNamingNoFileSaysWhatChanged(t *testing.T) {
	r := kiosk(t, "list", "--state", filepath.Join(t.TempDir(), "new.json"))
	r.expect(t, exitUsage)
	if !strings.Contains(r.stderr, "--db") {
		t.Errorf("the error does not point to --db:\n%s", r.stderr)
	}
}

func TestBrokenOldStateFileIsReportedOnceAndLeftAlone(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kiosk.db")
	path := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(path, []byte("{not json\x1b[2J"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := kiosk(t, "list", "--db", db, "--state", path)
	if fields := listFields(t, r); fields[4] != "unread" {
		t.Errorf("with a broken state file the list should start empty: %q", fields)
	}
	if n := strings.Count(r.stderr, "kiosk: "); n != 1 || !strings.Contains(r.stderr, path) {
		t.Errorf("want one warning naming the file, got:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, "\x1b") {
		t.Errorf("the warning carries an escape sequence: %q", r.stderr)
	}
	if r := kiosk(t, "list", "--db", db, "--state", path); r.stderr != "" {
		t.Errorf("the broken file was reported again:\n%s", r.stderr)
	}
	if data, _ := os.ReadFile(path); string(data) != "{not json\x1b[2J" {
		t.Error("the broken file was changed")
	}
}

func TestStateAndNoStateConflict(t *testing.T) {
	kiosk(t, "list", "--db", filepath.Join(t.TempDir(), "s.db"), "--no-state").expect(t, exitUsage)
}
