package model

import (
	"path/filepath"
)

// An article's Key is what its reading state (read, starred, place) is kept
// under. Unlike the ID it depends on nothing but the article itself, so
// adding, removing or renaming other files never moves a star or a read
// mark from one article to another:
//
//   - a file: "file:" and its cleaned absolute path, so the same file named
//     twice (a/../a/x.txt, ./x.txt) is one article;
//   - an embedded article: "embedded:" and its name;
//   - a feed item: the key the store gives it (store.ItemKey).
//
// Renaming or moving the file itself starts it afresh.

func fileKey(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	return "file:" + filepath.Clean(p)
}

func embeddedKey(name string) string {
	return "embedded:" + name
}

// NameID is the ID derived from the article's file name alone, without the
// suffix that keeps IDs unique. Kiosk kept reading state under it before
// keys: a state file of those versions is matched to articles by it (see
// store.State.Adopt).
func (a *Article) NameID() string {
	return idFromName(a.path)
}
