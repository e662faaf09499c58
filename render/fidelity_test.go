package render

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"kiosk/model"
	"kiosk/model/modeltest/corpus"
)

// The guarantee of issue 11, checked on every file of the shared corpus as
// `kiosk show --plain --comments` prints it (WriteArticle at 80 columns):
//   - every word of the file appears in the output, in the same order (a
//     word of the title or byline may stand in the header instead; a word
//     broken after a hyphen by wrapping counts as kept);
//   - every line laid out in columns appears as one line of the output with
//     its inner spacing;
//   - no heading is followed by a paragraph that starts in lower case, ends
//     with a comma or is a row of figures.
// scripts/fidelity.sh prints the figures that TestFidelity logs.

type fidelity struct {
	files, words, wordsKept int
	tableLines, tablesKept  int
	headings, falseHeadings int
	splitSentences          int
	failures                []string
}

func (f *fidelity) fail(format string) {
	if len(f.failures) < 20 {
		f.failures = append(f.failures, format)
	}
}

func TestFidelity(t *testing.T) {
	root := corpus.Path(t)
	for _, set := range []string{"reuters21578", "reuters-sample", "bbc", "awkward"} {
		t.Run(set, func(t *testing.T) {
			var f fidelity
			each := func(name string, data []byte) { f.check(t, name, data) }
			if set == "reuters21578" {
				if testing.Short() {
					t.Skip("the Reuters library takes a while: not with -short")
				}
				if !eachInTarball(t, filepath.Join(root, "reuters21578.tar.gz"), each) {
					t.Skip("reuters21578.tar.gz not present")
				}
			} else {
				eachInDir(t, filepath.Join(root, set), each)
			}
			t.Logf("fidelity: %s: files %d; words kept in order %d of %d (%.3f%%); table lines kept %d of %d; headings %d, judged false %d; sentences split over two paragraphs %d",
				set, f.files, f.wordsKept, f.words, percent(f.wordsKept, f.words), f.tablesKept, f.tableLines, f.headings, f.falseHeadings, f.splitSentences)
			for _, msg := range f.failures {
				t.Error(msg)
			}
		})
	}
}

func percent(n, of int) float64 {
	if of == 0 {
		return 100
	}
	return 100 * float64(n) / float64(of)
}

func eachInDir(t *testing.T, dir string, each func(name string, data []byte)) {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || strings.HasSuffix(p, ".tsv") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		each(p, data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func eachInTarball(t *testing.T, path string, each func(name string, data []byte)) bool {
	file, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	gz, err := gzip.NewReader(file)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		each(h.Name, data)
	}
}

func (f *fidelity) check(t *testing.T, name string, data []byte) {
	text, err := model.Text(name, data)
	if err != nil {
		return // not an article: kiosk skips it with a reason
	}
	a, err := model.Parse(name, data)
	if err != nil {
		f.fail(name + ": " + err.Error())
		return
	}
	var out bytes.Buffer
	if err := WriteArticle(&out, a, 80, true); err != nil {
		t.Fatal(err)
	}
	f.files++
	f.checkWords(name, a, text, out.String())
	f.checkTables(name, text, out.String())
	f.checkHeadings(name, a)
}

// isWord: a token with a letter or a digit in it; bullets and dashes are
// marks that the output may draw differently.
func isWord(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

func (f *fidelity) checkWords(name string, a *model.Article, text, out string) {
	header := map[string]bool{}
	for _, w := range strings.Fields(a.Title + " " + a.Byline) {
		header[w] = true
	}
	got := strings.Fields(out)
	// matches reports how many output words from j make up w: one, or two
	// when wrapping broke w after a hyphen.
	matches := func(j int, w string) int {
		switch {
		case got[j] == w:
			return 1
		case strings.HasSuffix(got[j], "-") && j+1 < len(got) && got[j]+got[j+1] == w:
			return 2
		}
		return 0
	}
	const window = 40
	pos, lost := 0, 0
	for _, w := range strings.Fields(text) {
		if !isWord(w) {
			continue
		}
		f.words++
		if pos < len(got) {
			if n := matches(pos, w); n > 0 {
				pos += n
				f.wordsKept++
				continue
			}
		}
		if header[w] || (a.Byline != "" && bylineMarks[strings.ToLower(w)]) {
			f.wordsKept++
			continue
		}
		found := false
		for j := pos; j < min(len(got), pos+window); j++ {
			if n := matches(j, w); n > 0 {
				pos, found = j+n, true
				break
			}
		}
		if found {
			f.wordsKept++
			continue
		}
		if lost++; lost == 1 {
			f.fail(name + ": word " + quote(w) + " lost or out of order near " + quote(strings.Join(got[max(0, pos-5):min(len(got), pos+5)], " ")))
		}
	}
}

// bylineMarks are the words before an author's name that the header leaves
// out: "By Jane Doe" shows as "Jane Doe".
var bylineMarks = map[string]bool{"by": true, "by:": true, "von": true, "von:": true, "autor:": true, "autorin:": true, "text:": true, "author:": true}

func (f *fidelity) checkTables(name, text, out string) {
	printed := map[string]bool{}
	for line := range strings.SplitSeq(out, "\n") {
		printed[strings.TrimSpace(line)] = true
	}
	for line := range strings.SplitSeq(text, "\n") {
		if !laidOutInColumns(line) {
			continue
		}
		f.tableLines++
		if printed[strings.TrimSpace(line)] {
			f.tablesKept++
		} else {
			f.fail(name + ": column line not kept as written: " + quote(strings.TrimSpace(line)))
		}
	}
}

// laidOutInColumns: two or more runs of two or more spaces, or a tab,
// between the fields of a line (after its indentation). Two spaces after
// the end of a sentence are a typist's habit, not a column.
func laidOutInColumns(line string) bool {
	fields := strings.TrimSpace(line)
	if strings.Contains(fields, "\t") {
		return true
	}
	gaps := 0
	for i := 0; i+2 < len(fields); i++ {
		if fields[i] != ' ' || fields[i+1] != ' ' {
			continue
		}
		j := i
		for j < len(fields) && fields[j] == ' ' {
			j++
		}
		if !(strings.ContainsAny(fields[i-1:i], ".!?:\"") && unicode.IsUpper(rune(fields[j]))) {
			gaps++
		}
		i = j
	}
	return gaps >= 2
}

func (f *fidelity) checkHeadings(name string, a *model.Article) {
	for i, b := range a.Blocks {
		if i+1 >= len(a.Blocks) || a.Blocks[i+1].Kind != model.Paragraph {
			if b.Kind == model.Heading {
				f.headings++
			}
			continue
		}
		next := strings.TrimSpace(a.Blocks[i+1].Text)
		switch b.Kind {
		case model.Heading:
			f.headings++
			if startsWithLower(next) || strings.HasSuffix(next, ",") || figureRow(next) {
				f.falseHeadings++
				f.fail(name + ": heading " + quote(b.Text) + " followed by " + quote(next))
			}
		case model.Paragraph:
			if startsWithLower(next) && !endsLikeSentence(b.Text) {
				f.splitSentences++
				f.fail(name + ": sentence split over two paragraphs: " + quote(b.Text) + " / " + quote(next))
			}
		}
	}
}

func startsWithLower(s string) bool {
	for _, r := range s {
		return unicode.IsLower(r)
	}
	return false
}

func endsLikeSentence(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.ContainsAny(s[len(s)-1:], ".!?:\"')")
}

// figureRow: most of the words are numbers.
func figureRow(s string) bool {
	words := strings.Fields(s)
	figures := 0
	for _, w := range words {
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 && strings.IndexFunc(w, unicode.IsLetter) < 0 {
			figures++
		}
	}
	return len(words) > 0 && figures*2 > len(words)
}

func quote(s string) string { return "\"" + s + "\"" }
