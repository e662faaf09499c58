package main

import (
	"fmt"
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
func (c *cli) loadLibrary(paths []string) (*model.Library, error) {
	lib, err := c.readLibrary(paths, nil)
	if err != nil {
		return nil, err
	}
	c.warnSkipped(lib.Skipped)
	return lib, nil
}

// readLibrary loads without warning: the reader shows skipped files itself.
// The error says what was wrong whenever no article loaded.
func (c *cli) readLibrary(paths []string, progress func(done, total int)) (*model.Library, error) {
	if len(paths) == 0 {
		return model.LoadFS(seeds.FS, seedsName)
	}
	return model.LoadPaths(paths, progress)
}

// warnSkipped writes one line per skipped file to standard error, unless
// --quiet. File names come from the user's disk: they are sanitised.
func (c *cli) warnSkipped(skipped []model.Skipped) {
	if c.quiet {
		return
	}
	for _, s := range skipped {
		fmt.Fprintf(c.stderr, "kiosk: skipped %s: %s\n", oneLine(s.Path), oneLine(s.Reason))
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
