package render

import (
	"strings"
	"testing"
)

func TestParseThemeAcceptsEachThemeAndNamesThemWhenWrong(t *testing.T) {
	for _, name := range Themes() {
		if th, err := ParseTheme(name); err != nil || string(th) != name {
			t.Errorf("ParseTheme(%q) = %q, %v", name, th, err)
		}
	}
	for _, bad := range []string{"", "Dark", "sepia"} {
		_, err := ParseTheme(bad)
		if err == nil || !strings.Contains(err.Error(), "auto, dark or light") {
			t.Errorf("ParseTheme(%q) = %v, want an error naming the themes", bad, err)
		}
	}
}
