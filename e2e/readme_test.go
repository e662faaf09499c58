package e2e

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeNamesTheGoOfGoMod: the README's install step names the exact Go
// version go.mod requires, since an older toolchain cannot build kiosk.
func TestReadmeNamesTheGoOfGoMod(t *testing.T) {
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(readme)), " ")
	if want := "With Go " + string(m[1]) + " or later installed (`go.mod` says `go " + string(m[1]) + "`)"; !strings.Contains(text, want) {
		t.Errorf("the README's install step should say %q", want)
	}
}
