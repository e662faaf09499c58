package cli

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"kiosk/model"
	"kiosk/seeds"
)

// seedsName names the built-in library in headers and messages.
const seedsName = "kiosk seeds"

// loadLibrary reads the articles at paths, or the built-in ones when there
// are none, and warns on standard error about each file it skipped. When
// nothing loads, the error alone names the files and why.
func (c *app) loadLibrary(paths []string) (*model.Library, error) {
	lib, err := c.readLibrary(paths, nil)
	if err != nil {
		return nil, err
	}
	c.warnSkipped(lib.Skipped)
	return lib, nil
}

// readLibrary loads without warning: the reader shows skipped files itself.
// The error says what was wrong whenever no article loaded.
func (c *app) readLibrary(paths []string, progress func(done, total int)) (*model.Library, error) {
	switch {
	case len(paths) == 0:
		return model.LoadFS(seeds.FS, seedsName)
	case slices.Equal(paths, []string{stdinPath}):
		return c.readStdin()
	case slices.Contains(paths, stdinPath):
		return nil, &usageError{cmd: "kiosk", err: errors.New("'-' reads one article from standard input and cannot be combined with other paths")}
	}
	return model.LoadPaths(paths, progress)
}

// stdinPath as the only PATH reads one article from standard input, as
// `cat story.txt | kiosk show 1 -` or `curl -s URL | kiosk -`.
const stdinPath = "-"

func (c *app) readStdin() (*model.Library, error) {
	if _, ok := terminal(c.stdin); ok {
		return nil, &usageError{cmd: "kiosk", err: errors.New("'-' reads an article from standard input, which is a terminal: pipe one in, as in 'kiosk - < story.txt'")}
	}
	data, err := io.ReadAll(io.LimitReader(c.stdin, model.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read standard input: %w", err)
	}
	if len(data) > model.MaxFileSize {
		return nil, fmt.Errorf("standard input is larger than %d MiB: not a news article; save it to a file if it is one", model.MaxFileSize>>20)
	}
	a, err := model.Parse("stdin", data)
	if err != nil {
		return nil, fmt.Errorf("standard input is not an article: %w; kiosk reads plain-text news", err)
	}
	return &model.Library{Name: "standard input", Articles: []*model.Article{a}}, nil
}

// warnSkipped writes one line per skipped file to standard error, unless
// --quiet. File names come from the user's disk: they are sanitised.
func (c *app) warnSkipped(skipped []model.Skipped) {
	if c.quiet {
		return
	}
	for _, s := range skipped {
		fmt.Fprintf(c.stderr, "kiosk: skipped %s: %s\n", model.EscapeName(s.Path), oneLine(s.Reason))
	}
}

// oneLine makes untrusted text such as a file name safe to print on one
// line: escape sequences and controls removed, and quoted with visible
// escapes when it holds a line break or a tab.
func oneLine(s string) string {
	s = model.Sanitize(s)
	if strings.ContainsAny(s, "\n\t") {
		return strconv.QuoteToGraphic(s)
	}
	return s
}
