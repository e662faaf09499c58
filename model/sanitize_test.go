package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitizeRemovesTerminalControls(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text untouched", "Paris/Moskau – Grüße\tund\nmehr", "Paris/Moskau – Grüße\tund\nmehr"},
		{"CSI colour", "a\x1b[31mred\x1b[0m b", "ared b"},
		{"CSI cursor move", "x\x1b[2J\x1b[10;20Hy", "xy"},
		{"OSC title with BEL", "a\x1b]0;pwned\x07b", "ab"},
		{"OSC 52 clipboard with ST", "a\x1b]52;c;ZXZpbA==\x1b\\b", "ab"},
		{"OSC hyperlink", "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"APC PM SOS", "a\x1b_x\x1b\\b\x1b^y\x1b\\c\x1bXz\x1b\\d", "abcd"},
		{"8-bit CSI", "a\u009b31mb", "ab"},
		{"8-bit OSC", "a\u009d0;t\u009cb", "ab"},
		{"C1 controls", "a\u0085b\u0080c", "abc"},
		{"two-byte escape", "a\x1b7b\x1b8c\x1bcd", "abcd"},
		{"lone ESC at end", "abc\x1b", "abc"},
		{"unterminated OSC stops at newline", "a\x1b]0;title\nnext line", "a\nnext line"},
		{"NUL BEL BS DEL CR", "a\x00b\x07c\x08d\x7fe\rf", "abcdef"},
		{"bidi overrides", "safe\u202eevil\u202c\u2066x\u2069", "safeevilx"},
		{"invalid UTF-8", "a\xffb", "a\ufffdb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sanitize(tt.in); got != tt.want {
				t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"hello", "\x1b[31mx", "\x1b]0;t\x07", "\u009b1m", "a\u202eb", "\xff\xfe", "\x1bP\x1b\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Sanitize(in)
		assertTerminalSafe(t, out)
		if Sanitize(out) != out {
			t.Fatalf("Sanitize is not idempotent on %q", in)
		}
	})
}

// assertTerminalSafe fails when s holds anything a terminal would act on.
func assertTerminalSafe(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("output is not valid UTF-8: %q", s)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
			t.Fatalf("output holds control byte %#x: %q", c, s)
		}
	}
	for _, r := range s {
		if (r >= 0x80 && r <= 0x9f) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			t.Fatalf("output holds %U: %q", r, s)
		}
	}
	if strings.ContainsRune(s, 0x1b) {
		t.Fatalf("output holds ESC: %q", s)
	}
}
