package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The cheap width check must never let a line through that is too wide,
// nor change one that fits: every line comes out as measuring it grapheme
// by grapheme would cut it.
func TestClipLinesCutsExactlyTheLinesTooWide(t *testing.T) {
	lines := []string{
		"plain ASCII text of some length",
		"\x1b[1;38;2;167;139;250mkiosk\x1b[m\x1b[38;2;140;140;140m · kiosk seeds · 1 article\x1b[m",
		"Nato-Generalsekretär äußerte Übergänge",
		"日本語のニュースを読む",
		"🇩🇪 Fahne, 👩‍👩‍👧 Familie, #️⃣ Taste",
		"\x1b]8;;https://example.com/a\x1b\\link text\x1b]8;;\x1b\\ after",
		"\x1b]8;;https://example.com/b\alink\x1b]8;;\a",
		"\x1b[38;5;252m日本\x1b[m語",
		"\x1b(Bcharset switch then text",
		"a lone escape \x1b at the end\x1b",
		"\x1b[unterminated",
		"tab\tand bell\a inside",
		"ab\x1b]8;;x\x18visible text here\a",
		"ab\x1b]8;;https://example.com/Ü\avisible text here\x1b]8;;\a",
		"ab\x1b[ 0123456789012345m",
		"\x9b1mC1 CSI\x9bm and \x1bP DCS string \x1b\\",
	}
	for _, line := range lines {
		for width := 1; width <= 45; width++ {
			got := clipLines(line, width, 1)
			want := ansi.Truncate(line, width, "…")
			if got != want {
				t.Errorf("clipLines(%q, %d) = %q, want %q", line, width, got, want)
			}
		}
	}
}

func FuzzClipLines(f *testing.F) {
	f.Add("\x1b[1;38;2;167;139;250mkiosk\x1b[m · 日本語 \x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\", 10)
	f.Add("ab\x1b[ 0123456789012345m", 5)
	f.Fuzz(func(t *testing.T, line string, width int) {
		if strings.Contains(line, "\n") || width < 1 || width > 200 {
			return
		}
		if got, want := clipLines(line, width, 1), ansi.Truncate(line, width, "…"); got != want {
			t.Errorf("clipLines(%q, %d) = %q, want %q", line, width, got, want)
		}
	})
}
