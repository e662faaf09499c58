package model

import (
	"os"
	"testing"
)

// BenchmarkParse parses the Reuters stories from memory: the parser's own
// cost, without the file system.
func BenchmarkParse(b *testing.B) {
	files, total := listFiles(b, unpackReuters(b))
	data := make([][]byte, len(files))
	for i, f := range files {
		var err error
		if data[i], err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(total)
	for b.Loop() {
		for i, d := range data {
			if _, err := Parse(files[i], d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
