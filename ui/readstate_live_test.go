package ui

import (
	"slices"
	"testing"

	"kiosk/model/state"
)

func TestLibraryUpdateKeepsTheView(t *testing.T) {
	st := state.NewMemory()
	st.MarkRead("a", true)
	m := readerWithState(threeArticles(), st, 80, 24)
	drive(m, press("U"))
	m.list = m.list.rebuilt(threeArticles())
	if got := visibleTitles(m); slices.Contains(got, "Gipfel in München") || len(got) != 2 {
		t.Errorf("after a library update, unread only shows %q", got)
	}
}
