package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// evilArticle tries every way a file could drive the terminal: CSI, OSC
// (window title, clipboard), DCS, 8-bit C1, bidi overrides and bare controls.
const evilArticle = "Von: Eve\x1b[2J\x1b[H\n" +
	"Berlin – Title \x1b]0;pwned\x07 here\x1b]52;c;ZXZpbA==\x07 and\x1bP+q\x1b\\ more \u009b31m text\u202e.\n" +
	"Heading with \x1b[31mred\x1b[0m and \x08backspace\n" +
	"Body with \x7f delete and \r carriage return.\n" +
	"Aktuell sind 3 Kommentare vorhanden\x1b[5m\n" +
	"Kommentare anzeigen\n"

func TestNothingFromAFileReachesPipedOutputAsAControl(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{
		"evil\x1b]0;title\x07\u202e\u009b.txt": []byte(evilArticle),
		"bin\x1b[2Jary":                        {0x1b, '[', '2', 'J', 0, 0, 0xff, 0xfe, 0, 1, 2, 3},
	})
	for _, args := range [][]string{
		{dir},
		{"list", dir},
		{"list", "--json", dir},
		{"show", "1", "--comments", dir},
		{"show", "1", "--json", dir},
		{"search", "text", dir},
		{"search", "text", "--json", dir},
	} {
		t.Run(strings.Join(args[:len(args)-1], " "), func(t *testing.T) {
			r := kiosk(t, args...)
			r.expect(t, exitOK)
			for name, out := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
				if i := strings.IndexFunc(out, isControl); i >= 0 {
					t.Errorf("%s has control %U at byte %d:\n%q", name, []rune(out[i:])[0], i, out)
				}
			}
			if !strings.Contains(r.stderr, "skipped") {
				t.Errorf("the binary file was not reported: %q", r.stderr)
			}
		})
	}
}

// isControl is any character that can change a terminal's state or hide
// text, besides the newline and tab of plain text.
func isControl(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// TestJSONSourceOpensAFileWithControlsInItsName: --json gives the real path,
// escaped by JSON, so a script can open the file; nothing raw reaches the
// terminal, and the warning for a skipped one names it on one line.
func TestJSONSourceOpensAFileWithControlsInItsName(t *testing.T) {
	name := "evil\x1b]0;X\aname\x7f\n.txt"
	dir := writeFiles(t, map[string][]byte{name: []byte("A story\n\nWith a body.\n"), "bad\nname.txt": {}})
	for _, args := range [][]string{{"list", "--json", dir}, {"search", "body", "--json", dir}} {
		r := kiosk(t, args...)
		r.expect(t, exitOK)
		if i := strings.IndexFunc(r.stdout, isControl); i >= 0 {
			t.Errorf("%v: raw control %U in the JSON", args, []rune(r.stdout[i:])[0])
		}
		var got []struct{ Source string }
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil || len(got) != 1 {
			t.Fatalf("%v: %v\n%s", args, err, r.stdout)
		}
		if got[0].Source != filepath.Join(dir, name) {
			t.Errorf("%v: source = %q, want the real path %q", args, got[0].Source, filepath.Join(dir, name))
		}
		if _, err := os.Stat(got[0].Source); err != nil {
			t.Errorf("%v: source does not open: %v", args, err)
		}
		if !strings.Contains(r.stderr, `bad\nname.txt": `) || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%v: the skipped file's warning is not one line naming it escaped: %q", args, r.stderr)
		}
	}
}
