package ui

import (
	"slices"
	"testing"

	"kiosk/store"
)

func TestLibraryUpdateKeepsTheView(t *testing.T) {
	st := store.NewMemoryState()
	st.MarkRead("a", true)
	m := readerWithState(threeArticles(), st, 80, 24)
	drive(m, press("U"))
	m.list = m.list.rebuilt(threeArticles())
	if got := visibleTitles(m); slices.Contains(got, "Gipfel in München") || len(got) != 2 {
		t.Errorf("after a library update, unread only shows %q", got)
	}
}
