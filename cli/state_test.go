package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/model/state"
)

const seedID = "000_36dbd7c5854988d2"

// stateFile writes a state file in which the seed is read and starred.
func stateFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.json")
	st, warnings := state.Open(path)
	if len(warnings) > 0 {
		t.Fatal(warnings)
	}
	st.MarkRead(seedID, true)
	st.SetStarred(seedID, true)
	if err := st.Close(); err != nil {
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

func TestListShowsReadAndStarredFromTheStateFile(t *testing.T) {
	path := stateFile(t)
	fields := listFields(t, kiosk(t, "list", "--state", path))
	if len(fields) != 6 || fields[4] != "read" || fields[5] != "starred" {
		t.Errorf("list --state: fields %q, want read and starred last", fields)
	}
	// The first four columns stay where scripts expect them.
	if fields[0] != "1" || fields[2] != "Ivd" || fields[3] != "10" {
		t.Errorf("the first columns moved: %q", fields)
	}

	r := kiosk(t, "list", "--json", "--state", path)
	r.expect(t, exitOK)
	var got []map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) != len(seedNames(t)) {
		t.Fatalf("want one JSON object per built-in article: %v\n%s", err, r.stdout)
	}
	if got[0]["read"] != true || got[0]["starred"] != true {
		t.Errorf("read = %v, starred = %v; want both true", got[0]["read"], got[0]["starred"])
	}
}

func TestListUsesTheDefaultStateFile(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_STATE_HOME", home)
	if err := os.MkdirAll(filepath.Join(home, "kiosk"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(stateFile(t), filepath.Join(home, "kiosk", "state.json")); err != nil {
		t.Fatal(err)
	}
	if fields := listFields(t, kiosk(t, "list")); fields[4] != "read" {
		t.Errorf("list did not read $XDG_STATE_HOME/kiosk/state.json: %q", fields)
	}
	if fields := listFields(t, kiosk(t, "list", "--no-state")); fields[4] != "unread" || fields[5] != "" {
		t.Errorf("list --no-state used the state file: %q", fields)
	}
}

func TestNoStateWritesNothing(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_STATE_HOME", home)
	kiosk(t, "list", "--no-state").expect(t, exitOK)
	if entries, _ := os.ReadDir(home); len(entries) > 0 {
		t.Errorf("--no-state created %v in the state folder", entries)
	}
}

func TestCorruptStateFileIsReportedOnceAndSetAside(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	if err := os.WriteFile(path, []byte("{not json\x1b[2J"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := kiosk(t, "list", "--state", path)
	fields := listFields(t, r)
	if fields[4] != "unread" {
		t.Errorf("with a corrupt state file the list should start empty: %q", fields)
	}
	if n := strings.Count(r.stderr, "kiosk: "); n != 1 || !strings.Contains(r.stderr, path) || !strings.Contains(r.stderr, "moved it to") {
		t.Errorf("want one warning naming the file and where it went, got:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, "\x1b") {
		t.Errorf("the warning carries an escape sequence: %q", r.stderr)
	}
	if moved, _ := filepath.Glob(path + ".corrupt-*"); len(moved) != 1 {
		t.Errorf("the corrupt file was not set aside: %v", moved)
	}
}

func TestStateAndNoStateConflict(t *testing.T) {
	r := kiosk(t, "list", "--state", filepath.Join(t.TempDir(), "s.json"), "--no-state")
	r.expect(t, exitUsage)
}
