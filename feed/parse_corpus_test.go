package feed

import (
	"errors"
	"os"
	"testing"
)

// TestParseCorpus reads every feed file of the shared corpus: at least 95%
// parse, and each refusal is a ParseError with a reason, never a panic.
// -v prints parsed / refused per file.
func TestParseCorpus(t *testing.T) {
	files := corpusOf(t, "feed")
	parsed := 0
	for _, cf := range files {
		data, err := os.ReadFile(cf.path)
		if err != nil {
			t.Fatal(err)
		}
		f, err := Parse(data, "")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Reason == "" {
				t.Errorf("%s: refused without a reason: %v", cf.name, err)
			}
			t.Logf("refused %s: %v", cf.name, err)
			continue
		}
		parsed++
		t.Logf("parsed  %s: %q, %d items", cf.name, f.Title, len(f.Items))
	}
	rate := float64(parsed) / float64(len(files))
	t.Logf("%d of %d feed files parsed (%.1f%%)", parsed, len(files), 100*rate)
	if rate < 0.95 {
		t.Errorf("only %d of %d feed files parsed (%.1f%%), want at least 95%%", parsed, len(files), 100*rate)
	}
}
