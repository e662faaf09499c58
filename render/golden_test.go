package render

import (
	"bytes"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"kiosk/model"
)

// Goldens of `kiosk show --plain` (and of the styled pane for markdown)
// for texts written for these tests in the shapes of real files. go test
// ./render -update rewrites them; read every change before committing it.

const (
	tableStory = "RAPESEED ESTIMATES RAISED BY BOARD\n\n" +
		"Winnipeg, June 8 - The grain board raised its estimates for\n" +
		"the two seasons, in thousand tonnes, against its May figures --\n" +
		"    RAPESEED --   1991/92            1990/91\n" +
		"           06/08/91 05/08/91  06/08/91 05/08/91\n" +
		" Area (thous ha) --\n" +
		"     Sown    3,150   3,100     2,990   2,990\n" +
		"     Cut     3,020   2,980     2,870   2,870\n" +
		" Supply --\n" +
		"  Stocks       410     400       380     380\n" +
		"  Crop       3,920   3,850     3,610   3,610\n" +
		" Note - Stocks as of August 1. Season begins\n" +
		"August 1.\n" +
		"    The board will publish its next estimates in July.\n" +
		" Reuter\n"

	wireStory = "HARBOUR BOARD NAMES NEW CHAIRMAN.\n" +
		"By Siobhan O'Hara, Reuters\n\n" +
		"DUBLIN, June 3 - <Harbour Holdings Plc> said Mary K.\n" +
		"Donovan was named chairman and chief executive, replacing\n" +
		"Peter Walsh who retired after eleven years.\n" +
		"    Walsh will stay on the board, the company said, and will\n" +
		"advise the new chairman on the sale of the ferry business.\n" +
		"    Shr 41 cts vs 30 cts\n" +
		"    Net 4,100,000 vs 3,050,000\n" +
		"    Revs 52.3 mln vs 47.9 mln\n" +
		" Reuter\n"

	capsByline = "KATRIN WEBER\n" +
		"Neue Buslinie für das Umland\n\n" +
		"Ab dem Sommer fährt ein Bus stündlich von Neustadt nach Altdorf &amp; zurück.\n" +
		"Der Kreistag hat die Linie am Dienstag beschlossen.\n" +
		"Fahrplan und Kosten\n" +
		"Die Fahrt kostet 2,50 Euro, für Schüler die Hälfte.\n" +
		"Aktuell sind 3 Kommentare vorhanden\n"

	markdownTable = "# Ferry timetable\n\n" +
		"By Jan Berger\n\n" +
		"The summer timetable, with *new* times for **Sunday**:\n\n" +
		"| Route    | Leaves | Arrives |\n" +
		"|----------|-------:|--------:|\n" +
		"| Oslo     |  08:00 |   14:30 |\n" +
		"| Hirtshals|  15:00 |   18:15 |\n\n" +
		"1. Book online.\n" +
		"2. Print the ticket.\n\n" +
		"> Boats may leave early in bad weather.\n\n" +
		"```\n" +
		"route   seats\n" +
		"oslo      640\n" +
		"```\n\n" +
		"See [the port](https://port.example/) for more.\n"
)

func plainGolden(t *testing.T, name, text string) {
	t.Helper()
	a, err := model.Parse(name, []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteArticle(&b, a, 60, true); err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, b.Bytes())
}

func TestGoldenPlainTable(t *testing.T)      { plainGolden(t, "rapeseed.txt", tableStory) }
func TestGoldenPlainWireStory(t *testing.T)  { plainGolden(t, "harbour.txt", wireStory) }
func TestGoldenPlainCapsByline(t *testing.T) { plainGolden(t, "buslinie.txt", capsByline) }
func TestGoldenPlainMarkdown(t *testing.T)   { plainGolden(t, "ferry.md", markdownTable) }

// The pane draws the markdown table, numbered list, quote and code block
// with glamour's layout and our style: no "#" before headings.
func TestGoldenStyledMarkdown(t *testing.T) {
	a, err := model.Parse("ferry.md", []byte(markdownTable))
	if err != nil {
		t.Fatal(err)
	}
	out, err := Article(a, Options{Width: 60, Dark: true})
	if err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, joinLines(NewDocument(a, out).Plain))
}
