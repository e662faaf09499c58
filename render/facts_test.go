package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
)

// TestFactsAreTheSameInPaneListAndPlainText: the reader's pane, the list
// row and plain output show one article's byline, place and reading time
// alike, and none of them lets an escape sequence from the file through.
func TestFactsAreTheSameInPaneListAndPlainText(t *testing.T) {
	a := article("f", "Title", "Jane \x1b[31mDoe\x1b[m", "Paris/Moskau", 12, strings.Repeat("word ", 450))
	const want = "Jane Doe · Paris/Moskau · 2 min"

	if got := Facts(a); got != want+" read" {
		t.Errorf("Facts = %q, want %q", got, want+" read")
	}
	if got := RowFacts(a); got != want+" · 12 comments" {
		t.Errorf("RowFacts = %q, want %q", got, want+" · 12 comments")
	}
	var plain bytes.Buffer
	if err := WriteArticle(&plain, a, 80, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(plain.String(), "\n"+want+" read\n") {
		t.Errorf("plain output lacks the facts line %q", want+" read")
	}
	pane := ansi.Strip(mustRender(t, a, Options{Width: 80, Dark: true}))
	if !strings.Contains(pane, want+" read") {
		t.Errorf("the pane lacks the facts line %q", want+" read")
	}
}

func TestFactsLeaveOutWhatIsNotKnown(t *testing.T) {
	a := article("f", "Title", "", "", -1)
	if got := Facts(a); got != "" {
		t.Errorf("Facts of an empty article without byline or place = %q, want nothing", got)
	}
	a = article("f", "Title", "", "Berlin", -1, "Two words.")
	if got := RowFacts(a); got != "Berlin · 1 min" {
		t.Errorf("RowFacts = %q, want %q", got, "Berlin · 1 min")
	}
}

func TestCommentsHintCountsAndSaysHow(t *testing.T) {
	for _, tc := range []struct {
		c    model.Comments
		want string
	}{
		{model.Comments{HasCount: true, Count: 1}, "1 comment · press c to show the comments footer"},
		{model.Comments{HasCount: true, Count: 10}, "10 comments · press c to show the comments footer"},
		{model.Comments{}, "Comments available · press c to show the comments footer"},
	} {
		if got := CommentsHint(&tc.c, "press c"); got != tc.want {
			t.Errorf("CommentsHint(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}
