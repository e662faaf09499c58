package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

// The [n] marks a page or feed item leaves in its text refer to a list of
// addresses under the body, in the pane and in plain output alike.
func TestLinksAreListedUnderTheBody(t *testing.T) {
	a := &model.Article{ID: "l", Title: "T", Words: 10,
		Blocks: []model.Block{{Kind: model.Paragraph, Text: "See the earlier story[1] and another[2]."}},
		Links:  []string{"https://example.com/earlier_story", "https://example.com/other?a=1&b=*2*"},
	}
	var lines []string
	for l := range strings.SplitSeq(ansi.Strip(mustRender(t, a, Options{Width: 80, Dark: true})), "\n") {
		lines = append(lines, strings.TrimSpace(l))
	}
	styled := strings.Join(lines, "\n")
	var plain bytes.Buffer
	if err := WriteArticle(&plain, a, 80, false); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"pane": styled, "plain": plain.String()} {
		first := strings.Index(out, "[1] https://example.com/earlier_story\n")
		second := strings.Index(out, "[2] https://example.com/other?a=1&b=*2*\n")
		if first < 0 || second < first || !strings.Contains(out[:first], "Links") {
			t.Errorf("%s: the links are not listed one a line, as written, under a Links heading:\n%s", name, out)
		}
	}
}
