package cli

import (
	"io"
	"os"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

func TestHelp(t *testing.T) {
	r := kiosk(t, "--help")
	r.expect(t, exitOK)
	golden.RequireEqual(t, r.stdout)
}

func TestSubcommandHelpExplainsFlags(t *testing.T) {
	tests := map[string][]string{
		"list":   {"--json", "--quiet", "tab"},
		"show":   {"--plain", "--comments", "--width", "--theme", "--json", "NO_COLOR"},
		"search": {"--json", "accents", "status 1"},
	}
	for cmd, want := range tests {
		r := kiosk(t, cmd, "--help")
		r.expect(t, exitOK)
		for _, s := range want {
			if !strings.Contains(r.stdout, s) {
				t.Errorf("kiosk %s --help does not mention %q", cmd, s)
			}
		}
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"unknown flag", []string{"--bogus"}, "--bogus"},
		{"mistyped command", []string{"lsit"}, "did you mean 'kiosk list'"},
		{"bad theme for the reader", []string{"--theme", "sepia"}, `"sepia"`},
		{"width not a number", []string{"show", "1", "--width", "wide"}, "wide"},
		{"unknown shell", []string{"completion", "tcsh"}, "tcsh"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := kiosk(t, tt.args...)
			r.expect(t, exitUsage)
			if !strings.Contains(r.stderr, tt.stderr) || !strings.Contains(r.stderr, "--help") {
				t.Errorf("stderr should name %q and point to --help:\n%s", tt.stderr, r.stderr)
			}
			if strings.Count(r.stderr, "\n") > 2 {
				t.Errorf("piped errors are short plain lines, got:\n%s", r.stderr)
			}
		})
	}
}

func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		r := kiosk(t, "completion", shell)
		r.expect(t, exitOK)
		if !strings.Contains(r.stdout, "kiosk") {
			t.Errorf("%s completion does not mention kiosk", shell)
		}
	}
}

func TestCompletionOffersArticlesAndThemes(t *testing.T) {
	r := kiosk(t, "__complete", "show", "")
	r.expect(t, exitOK)
	if !strings.Contains(r.stdout, "1\tNato-Generalsekretär") {
		t.Errorf("show does not complete the seed's number and title:\n%s", r.stdout)
	}
	r = kiosk(t, "__complete", "show", "1", "--theme", "")
	r.expect(t, exitOK)
	if !strings.HasPrefix(r.stdout, "auto\ndark\nlight\n") {
		t.Errorf("--theme does not complete its values:\n%s", r.stdout)
	}
}

func TestVersion(t *testing.T) {
	r := kiosk(t, "--version")
	r.expect(t, exitOK)
	if !strings.HasPrefix(r.stdout, "kiosk version ") {
		t.Errorf("--version = %q", r.stdout)
	}
}

func TestVersionStringComesFromBuildInfo(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	tests := []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "unknown"},
		{"go install at a tag", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{"go run, no vcs", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{"clean checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs("0123456789abcdef0123", "false")}, "devel (0123456789ab)"},
		{"local changes", &debug.BuildInfo{Settings: vcs("0123456789abcdef0123", "true")}, "devel (0123456789ab, modified)"},
	}
	for _, tt := range tests {
		if got := versionString(tt.info); got != tt.want {
			t.Errorf("%s: versionString = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestManPage(t *testing.T) {
	// fang writes the man page to os.Stdout itself, not to the command's
	// output: catch it there.
	read, write, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = write
	r := kiosk(t, "man")
	os.Stdout = stdout
	write.Close()
	page, err := io.ReadAll(read)
	if err != nil {
		t.Fatal(err)
	}
	r.expect(t, exitOK)
	for _, want := range []string{".TH KIOSK 1", `\fBlist\fP`, `\fBshow\fP`, `\fBsearch\fP`, "Exit status"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
}
