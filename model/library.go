package model

import "sync"

// Skipped is a file that did not become an article, and why.
type Skipped struct {
	Path   string
	Reason string
}

// Library is a loaded set of articles in a stable order (by path).
// Once loaded it is read-only and safe to share between goroutines.
type Library struct {
	// Name describes where the library came from, for headers.
	Name     string
	Articles []*Article
	Skipped  []Skipped

	indexOnce sync.Once
	index     *Index
	positions map[*Article]int
}
