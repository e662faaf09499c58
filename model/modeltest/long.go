package modeltest

import (
	"fmt"
	"strings"

	"kiosk/model"
)

// longSentences are what a long article's paragraphs are made of: written
// for kiosk's tests, news-like, English with a little German.
var longSentences = []string{
	"The council met on Tuesday evening to discuss the harbour budget for the coming year.",
	"Officials said the new ferry timetable would start in the spring, weather permitting.",
	"Residents of the old town have asked for more buses on the route to the station.",
	"A spokeswoman for the port authority declined to comment on the figures.",
	"The report, published on Monday, found that traffic on the bridge had doubled.",
	"Die Bürgermeisterin sagte, die Straßenbahn werde im Herbst über den Fluss fahren.",
	"Shop owners on the market square welcomed the decision but warned of delays.",
	"The opposition called the plan rushed and asked for a vote in the chamber.",
	"Engineers expect the work on the tunnel to take at least another eighteen months.",
	"According to the statistics office, the number of visitors rose by a fifth.",
	"The mayor is expected to present the final proposal at the end of the month.",
	"Critics point out that the same promise was made when the last budget passed.",
	"Nach Angaben der Stadtwerke sind die Kosten für den Umbau deutlich gestiegen.",
}

// longHeadingEvery is how many paragraphs a long article has per heading.
const longHeadingEvery = 40

// LongParagraphs returns about size bytes of paragraphs, each with its
// number in it, and a section heading (starting "## ") every forty.
func LongParagraphs(size int) []string {
	var paras []string
	n := 0
	for i := 0; n < size; i++ {
		if i > 0 && i%longHeadingEvery == 0 {
			h := fmt.Sprintf("## Part %d of the report", i/longHeadingEvery+1)
			paras = append(paras, h)
			n += len(h)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "Paragraph %d.", i+1)
		for k := range 5 {
			b.WriteByte(' ')
			b.WriteString(longSentences[(i*7+k*3)%len(longSentences)])
		}
		paras = append(paras, b.String())
		n += b.Len()
	}
	return paras
}

// LongArticle is an article of about size bytes of text made by
// LongParagraphs, with a title, a byline, a dateline and a comments footer.
func LongArticle(size int) *model.Article {
	return Article("long", "A very long report", "Kiosk Desk", "Harbour Town", 12, LongParagraphs(size)...)
}

// LongText is a plain-text news file of about size bytes: a title, a blank
// line, and LongParagraphs separated by blank lines.
func LongText(size int) string {
	var b strings.Builder
	b.Grow(size + size/16)
	b.WriteString("A very long report\n\n")
	for _, p := range LongParagraphs(size) {
		b.WriteString(strings.TrimPrefix(p, "## "))
		b.WriteString("\n\n")
	}
	return b.String()
}
