package feed

import (
	"errors"
	"os"
	"testing"
)

// notFeeds are corpus files named like feeds that hold no feed: feedjira's
// fixtures of one entry's content, HTML fragments. They count apart, and
// must be refused.
var notFeeds = map[string]bool{
	"feedjira/AmazonWebServicesBlogFirstEntryContent.xml":  true,
	"feedjira/HREFConsideredHarmfulFirstEntry.xml":         true,
	"feedjira/PaulDixExplainsNothingFirstEntryContent.xml": true,
	"feedjira/TechCrunchFirstEntry.xml":                    true,
	"feedjira/TechCrunchFirstEntryDescription.xml":         true,
	"feedjira/TenderLovemakingFirstEntry.xml":              true,
}

// TestParseCorpus reads every feed file of the shared corpus: at least 95%
// of the feed documents parse, the fragments are refused, and each refusal
// is a ParseError with a reason, never a panic. -v prints parsed / refused
// per file.
func TestParseCorpus(t *testing.T) {
	files := corpusOf(t, "feed")
	parsed, docs := 0, 0
	for _, cf := range files {
		data, err := os.ReadFile(cf.path)
		if err != nil {
			t.Fatal(err)
		}
		if !notFeeds[cf.name] {
			docs++
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
		if notFeeds[cf.name] {
			t.Errorf("%s holds no feed, yet parsed as %q with %d items", cf.name, f.Title, len(f.Items))
			continue
		}
		parsed++
		t.Logf("parsed  %s: %q, %d items, truncated %v", cf.name, f.Title, len(f.Items), f.Truncated)
	}
	rate := float64(parsed) / float64(docs)
	t.Logf("%d of %d feed documents parsed (%.1f%%); %d of %d files named as feeds (%.1f%%)",
		parsed, docs, 100*rate, parsed, len(files), 100*float64(parsed)/float64(len(files)))
	if rate < 0.95 {
		t.Errorf("only %d of %d feed documents parsed (%.1f%%), want at least 95%%", parsed, docs, 100*rate)
	}
}
