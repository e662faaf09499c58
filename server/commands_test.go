package server

import (
	"kiosk/render"
	"strings"
	"testing"
)

func TestCommandsWithoutPTY(t *testing.T) {
	ts := startServer(t, Config{})
	client := dial(t, ts.addr)
	seed := ts.lib.Articles[0]

	var list strings.Builder
	if err := render.WriteList(&list, ts.lib, nil); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCommand(t, client, "list")
	if code != 0 || stdout != list.String() || !strings.Contains(stdout, seed.Title) {
		t.Errorf("list: exit %d, stderr %q, stdout %q; want the article list %q", code, stderr, stdout, list.String())
	}

	var article strings.Builder
	if err := render.WriteArticle(&article, seed, 80, true); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = runCommand(t, client, "show 1")
	if code != 0 || stdout != article.String() {
		t.Errorf("show 1: exit %d, stderr %q; stdout:\n%s\nwant:\n%s", code, stderr, stdout, article.String())
	}
	if strings.Contains(stdout, "\x1b") {
		t.Error("show without a terminal printed escape sequences")
	}

	for _, bad := range []string{"rm -rf /", "show", "show 99", "list --all", "sh -c id", " ", ""} {
		stdout, stderr, code = runCommand(t, client, bad)
		if code != 1 || stdout != "" || !strings.Contains(stderr, "kiosk") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 1 and a message on stderr", bad, code, stdout, stderr)
		}
	}
	if _, stderr, _ := runCommand(t, client, "rm -rf /"); !strings.Contains(stderr, "ssh HOST list") {
		t.Errorf("an unknown command should print the usage; stderr %q", stderr)
	}
}
