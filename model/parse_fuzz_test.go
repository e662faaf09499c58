package model

import "testing"

// FuzzParse: no input panics the parser, and nothing it returns can act on
// a terminal.
func FuzzParse(f *testing.F) {
	f.Add("seed.txt", []byte("Von: Ivd\nParis – Text.\nHeading\nMore.\n1 Kommentar\n"))
	f.Add("x.md", []byte("# T\n\n## H\n\n- a\n```\nx"))
	f.Add("w.txt", []byte("\xff\xfeA\x00\x1b\x00[\x002\x00J\x00"))
	f.Add("c.txt", []byte("Title\r\n\r\nBody \x1b]0;x\x07 text.\r\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		a, err := Parse(name, data)
		if err != nil {
			return
		}
		for _, s := range []string{a.ID, a.Source, a.Title, a.Byline, a.Dateline} {
			assertTerminalSafe(t, s)
		}
		for _, b := range a.Blocks {
			assertTerminalSafe(t, b.Text)
		}
		if a.Comments != nil {
			for _, l := range a.Comments.Lines {
				assertTerminalSafe(t, l)
			}
		}
	})
}
