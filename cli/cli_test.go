package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/seeds"
)

func TestMain(m *testing.M) {
	// fang reads the help width once from the terminal: pin it so that the
	// help golden file does not depend on where the tests run.
	os.Setenv("__FANG_TEST_WIDTH", "100")
	// The database and old state files are looked for in folders of the
	// tests' own, never in those of whoever runs them.
	stateHome, err := os.MkdirTemp("", "kiosk-state-")
	if err != nil {
		panic(err)
	}
	dataHome, err := os.MkdirTemp("", "kiosk-data-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_STATE_HOME", stateHome)
	os.Setenv("XDG_DATA_HOME", dataHome)
	code := m.Run()
	os.RemoveAll(stateHome)
	os.RemoveAll(dataHome)
	os.Exit(code)
}

// result is what one in-process run of kiosk produced.
type result struct {
	stdout, stderr string
	status         int
}

// kiosk runs the command line in-process with a plain environment and
// buffers for standard output and error, as when piped.
func kiosk(t *testing.T, args ...string) result {
	t.Helper()
	return kioskWithInput(t, "", args...)
}

// kioskWithInput is kiosk with stdin piped into standard input.
func kioskWithInput(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	status := Run(t.Context(), args, strings.NewReader(stdin), &stdout, &stderr, []string{"TERM=xterm-256color"})
	return result{stdout: stdout.String(), stderr: stderr.String(), status: status}
}

func (r result) expect(t *testing.T, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.status, status, r.stdout, r.stderr)
	}
}

// seedName is the seed article, the first of those built into kiosk.
const seedName = "000_36dbd7c5854988d2.txt"

// seedNames are the files of the built-in library.
func seedNames(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(seeds.FS, "*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no built-in articles: %v", err)
	}
	return names
}

const seedHeading = "Nordkorea ratifiziert Verteidigungsabkommen mit Russland"

func seedBytes(t *testing.T) []byte {
	t.Helper()
	data, err := fs.ReadFile(seeds.FS, seedName)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// writeFiles makes a folder holding the given files and returns its path.
func writeFiles(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
