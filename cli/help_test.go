package cli

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestHelpOnAnUnknownTopicIsAUsageError(t *testing.T) {
	r := kiosk(t, "help", "bogus")
	r.expect(t, exitUsage)
	if !strings.Contains(r.stderr, `unknown help topic "bogus"`) || !strings.Contains(r.stderr, "list") {
		t.Errorf("stderr should say the topic is unknown and name the topics:\n%s", r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("help on an unknown topic printed help anyway:\n%s", r.stdout)
	}
	kiosk(t, "help", "list").expect(t, exitOK)
}

func TestBadFlagValueSaysWhichFlagAndWhatItWants(t *testing.T) {
	for _, args := range [][]string{{"--width", "abc"}, {"show", "1", "-w", "abc"}, {"serve", "--idle-timeout", "5"}} {
		r := kiosk(t, args...)
		r.expect(t, exitUsage)
		flag := strings.TrimLeft(args[len(args)-2], "-")
		if flag == "w" {
			flag = "width"
		}
		if !strings.Contains(r.stderr, "--"+flag+` "`+args[len(args)-1]+`" is not a`) || strings.Contains(r.stderr, "strconv") || strings.Contains(r.stderr, "time:") {
			t.Errorf("%v: want the flag, the value and what it takes, not the parser's words:\n%s", args, r.stderr)
		}
	}
}

func words(s string) []string { return strings.Fields(ansi.Strip(s)) }
