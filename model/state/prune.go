package state

import (
	"cmp"
	"slices"
	"time"
)

// RetainFor is how long an article keeps its state after it was last seen
// in a loaded library (see Store.Touch) or last changed.
const RetainFor = 90 * 24 * time.Hour

// prune drops the records inactive since before horizon, then the least
// recently active ones beyond maxEntries (0 means no cap). The same rule runs in every writer, so an entry one
// process dropped is not brought back by another's merge.
func prune(records map[string]record, horizon time.Time, maxEntries int) {
	for id, r := range records {
		if r.lastActive().Before(horizon) {
			delete(records, id)
		}
	}
	if maxEntries > 0 && len(records) > maxEntries {
		ids := make([]string, 0, len(records))
		for id := range records {
			ids = append(ids, id)
		}
		slices.SortFunc(ids, func(a, b string) int {
			return cmp.Or(records[a].lastActive().Compare(records[b].lastActive()), cmp.Compare(a, b))
		})
		for _, id := range ids[:len(ids)-maxEntries] {
			delete(records, id)
		}
	}
}
