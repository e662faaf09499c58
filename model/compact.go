package model

import "strings"

// compact copies all of a's text into one new string and points every field
// at it. Parsed text is mostly substrings of the file's buffer, or of
// strings joined from it: compacting lets that buffer go, so an article
// costs what its text weighs and no more.
func compact(a *Article) {
	fields := a.textFields()
	n := 0
	for _, f := range fields {
		n += len(*f)
	}
	var b strings.Builder
	b.Grow(n)
	for _, f := range fields {
		b.WriteString(*f)
	}
	arena := b.String()
	for _, f := range fields {
		size := len(*f)
		*f, arena = arena[:size], arena[size:]
	}
}

// textFields lists every string of a that holds text from the file.
func (a *Article) textFields() []*string {
	fields := []*string{&a.Title, &a.Byline, &a.Dateline}
	for i := range a.Blocks {
		fields = append(fields, &a.Blocks[i].Text)
	}
	if a.Comments != nil {
		for i := range a.Comments.Lines {
			fields = append(fields, &a.Comments.Lines[i])
		}
	}
	return fields
}
