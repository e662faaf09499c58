package store

import (
	"fmt"
	"testing"

	"kiosk/model"
)

// BenchmarkSaveReadingPlace is one save of a reader's state as a scroll
// makes it: one entry's place changed, then written. Compare builds in the
// same run (git worktree), as its figure depends on the machine.
func BenchmarkSaveReadingPlace(b *testing.B) {
	st := openState(b, openTemp(b), "SHA256:bench")
	i := 0
	for b.Loop() {
		st.SetPosition(fmt.Sprintf("article-%d", i%50), model.Position{Block: i % 7, Line: i})
		if err := st.Flush(); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
