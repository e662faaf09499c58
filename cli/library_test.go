package cli

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFolderWithABinaryFileLoadsTheRestAndNamesTheBinary(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"good.txt": seedBytes(t),
		"dump":     gzipped(t, seedBytes(t)),
	})
	binary := filepath.Join(dir, "dump")
	for _, cmd := range []string{"list", "search"} {
		t.Run(cmd, func(t *testing.T) {
			args := []string{cmd, dir}
			if cmd == "search" {
				args = []string{cmd, "Nordkorea", dir}
			}
			r := kiosk(t, args...)
			r.expect(t, exitOK)
			if !strings.HasPrefix(r.stdout, "1\t") || strings.Count(r.stdout, "\n") != 1 {
				t.Errorf("want the good file only, got:\n%s", r.stdout)
			}
			lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], binary) || !strings.Contains(lines[0], "binary") {
				t.Errorf("want one warning naming %s and why, got:\n%s", binary, r.stderr)
			}
			if strings.Contains(r.stdout, binary) {
				t.Errorf("the warning went to standard output")
			}
		})
	}
	t.Run("quiet", func(t *testing.T) {
		r := kiosk(t, "list", "--quiet", dir)
		r.expect(t, exitOK)
		if r.stderr != "" {
			t.Errorf("--quiet still warned: %q", r.stderr)
		}
	})
}

func TestNothingToReadIsAnError(t *testing.T) {
	empty := t.TempDir()
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	onlyBinary := writeFiles(t, map[string][]byte{"dump": gzipped(t, []byte("not text"))})
	tests := []struct {
		name    string
		args    []string
		mention string
	}{
		{"empty folder", []string{"list", empty}, empty},
		{"empty folder, reader piped", []string{empty}, empty},
		{"empty folder, show", []string{"show", "1", empty}, empty},
		{"missing path", []string{"list", missing}, missing},
		{"only a binary file", []string{"list", onlyBinary}, filepath.Join(onlyBinary, "dump")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := kiosk(t, tt.args...)
			r.expect(t, exitError)
			if r.stdout != "" {
				t.Errorf("stdout = %q, want nothing", r.stdout)
			}
			if !strings.Contains(r.stderr, tt.mention) {
				t.Errorf("stderr does not name %s:\n%s", tt.mention, r.stderr)
			}
		})
	}
}

func TestUnreadableFileIsNamed(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	dir := writeFiles(t, map[string][]byte{"good.txt": seedBytes(t), "secret.txt": seedBytes(t)})
	secret := filepath.Join(dir, "secret.txt")
	if err := os.Chmod(secret, 0); err != nil {
		t.Fatal(err)
	}
	r := kiosk(t, "list", dir)
	r.expect(t, exitOK)
	if !strings.Contains(r.stderr, secret) {
		t.Errorf("stderr does not name the unreadable %s:\n%s", secret, r.stderr)
	}
}

func TestDashReadsAnArticleFromStandardInput(t *testing.T) {
	seed := string(seedBytes(t))
	tests := []struct {
		name   string
		stdin  string
		args   []string
		status int
		stdout string // must appear in standard output
		stderr string // must appear in standard error
	}{
		{"list", seed, []string{"list", "-"}, exitOK, "1\tNato-Generalsekretär", ""},
		{"show", seed, []string{"show", "1", "-"}, exitOK, seedHeading, ""},
		{"search", seed, []string{"search", "nordkorea", "-"}, exitOK, "Nordkorea", ""},
		{"reader piped", seed, []string{"-"}, exitOK, "\tIvd\t10", ""},
		{"empty input", "", []string{"list", "-"}, exitError, "", "standard input"},
		{"binary input", "\x00\x01\x02binary", []string{"list", "-"}, exitError, "", "binary"},
		{"with other paths", seed, []string{"list", "-", t.TempDir()}, exitUsage, "", "cannot be combined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := kioskWithInput(t, tt.stdin, tt.args...)
			r.expect(t, tt.status)
			if !strings.Contains(r.stdout, tt.stdout) || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("want %q on stdout and %q on stderr; got\n%s\n%s", tt.stdout, tt.stderr, r.stdout, r.stderr)
			}
		})
	}
}
