package model

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func mustURL(t testing.TB, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func assertBlocks(t *testing.T, got, want []Block) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("blocks:\n got %+v\nwant %+v", got, want)
	}
}

func TestHTMLBlocksKinds(t *testing.T) {
	got, _ := HTMLBlocks(`
		<h2>Section  <em>one</em></h2>
		<p>First   paragraph,
		   wrapped in the source.</p>
		<ul><li>apple</li><li><p>banana</p><p>split</p></li></ul>
		<ol start="3"><li>three</li><li value="7">seven</li><li>eight</li></ol>
		<blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>
		<pre>  indented
	tabbed &lt;tag&gt;
</pre>`, nil)
	assertBlocks(t, got, []Block{
		{Kind: Heading, Text: "Section one"},
		{Kind: Paragraph, Text: "First paragraph, wrapped in the source."},
		{Kind: ListItem, Text: "apple"},
		{Kind: ListItem, Text: "banana split"},
		{Kind: OrderedItem, Text: "three", Number: 3},
		{Kind: OrderedItem, Text: "seven", Number: 7},
		{Kind: OrderedItem, Text: "eight", Number: 8},
		{Kind: Quote, Text: "Quoted one."},
		{Kind: Quote, Text: "Quoted two."},
		{Kind: Preformatted, Text: "  indented\n\ttabbed <tag>"},
	})
}

func TestHTMLBlocksNestedListsFlatten(t *testing.T) {
	got, _ := HTMLBlocks(`<ol><li>outer<ul><li>inner</li></ul>tail</li><li>next</li></ol>
		<ol reversed><li>b</li><li>a</li></ol>`, nil)
	assertBlocks(t, got, []Block{
		{Kind: OrderedItem, Text: "outer", Number: 1},
		{Kind: ListItem, Text: "inner"},
		{Kind: Paragraph, Text: "tail"},
		{Kind: OrderedItem, Text: "next", Number: 2},
		{Kind: OrderedItem, Text: "b", Number: 2},
		{Kind: OrderedItem, Text: "a", Number: 1},
	})
}

func TestHTMLBlocksLineBreaks(t *testing.T) {
	got, _ := HTMLBlocks(`<p>Roses are red,<br>violets blue.<br><br>New stanza<br/></p><div>inline <span>and</span><div>block</div>text</div>`, nil)
	assertBlocks(t, got, []Block{
		{Kind: Paragraph, Text: "Roses are red,\nviolets blue."},
		{Kind: Paragraph, Text: "New stanza"},
		{Kind: Paragraph, Text: "inline and"},
		{Kind: Paragraph, Text: "block"},
		{Kind: Paragraph, Text: "text"},
	})
}

func TestHTMLBlocksLinksAreNumberedReferences(t *testing.T) {
	base := mustURL(t, "https://example.com/news/story.html")
	got, links := HTMLBlocks(`<p>Read <a href="/about">about us</a>, the
		<a href="other.html">other story</a>, <a href="#top">the top</a>,
		<a href="javascript:void(0)">a script</a> and
		<a href=" /about ">about us again</a>.<a href="/empty"></a></p>`, base)
	assertBlocks(t, got, []Block{{Kind: Paragraph,
		Text: "Read about us[1], the other story[2], the top, a script and about us again[1]."}})
	want := []string{"https://example.com/about", "https://example.com/news/other.html"}
	if !slices.Equal(links, want) {
		t.Errorf("links = %q, want %q", links, want)
	}
}

func TestHTMLBlocksImages(t *testing.T) {
	got, _ := HTMLBlocks(`<figure><img src="cat.jpg" alt="A  cat asleep"><figcaption>Our cat.</figcaption></figure>
		<p><img src="spacer.gif" alt=""><img src="pixel.gif" width="1" height="1">Text <img src="x.png"> here.</p>`, nil)
	assertBlocks(t, got, []Block{
		{Kind: Paragraph, Text: "[image: A cat asleep]"},
		{Kind: Paragraph, Text: "Our cat."},
		{Kind: Paragraph, Text: "Text [image] here."},
	})
}

// TestHTMLBlocksImageBeforePunctuation: punctuation the page sets right
// after an image follows its placeholder with no space the page does not
// have; a space the page has stays.
func TestHTMLBlocksImageBeforePunctuation(t *testing.T) {
	got, _ := HTMLBlocks(`<p>Look at <img src="cat.jpg" alt="a cat">. And <img src="dog.jpg" alt="a dog">, then (<img src="x.png">)!</p>
		<p>Spaced <img src="cat.jpg" alt="a cat"> . as written</p><p><img src="a.png" alt="A">word</p>`, nil)
	assertBlocks(t, got, []Block{
		{Kind: Paragraph, Text: "Look at [image: a cat]. And [image: a dog], then ([image])!"},
		{Kind: Paragraph, Text: "Spaced [image: a cat] . as written"},
		{Kind: Paragraph, Text: "[image: A] word"},
	})
}

func TestHTMLBlocksDropsWhatIsNotText(t *testing.T) {
	got, _ := HTMLBlocks(`<script>var secret = 1;</script><style>.secret{}</style>
		<nav><a href="/">secret menu</a></nav><form><input value="secret"><button>secret</button>Search</form>
		<iframe src="x">secret</iframe><noscript><img src="secret.png" alt="secret"></noscript>
		<p hidden>secret</p><div style="display: none">secret</div><span aria-hidden="true">secret</span>
		<svg><text>secret</text></svg><template><p>secret</p></template>
		<span class="visually-hidden">secret</span><a class="skip sr-only" href="#main">secret</a>
		<p>Kept.</p>`, nil)
	assertBlocks(t, got, []Block{{Kind: Paragraph, Text: "Kept."}})
}

func TestHTMLBlocksKeepsAFormAroundAPage(t *testing.T) {
	got, _ := HTMLBlocks(`<form action="/x"><p>The story.</p><input value="no"></form>`, nil)
	assertBlocks(t, got, []Block{{Kind: Paragraph, Text: "The story."}})
}

func TestHTMLBlocksTableAsAlignedColumns(t *testing.T) {
	base := mustURL(t, "https://example.com/")
	got, links := HTMLBlocks(`<table><caption>Results</caption>
		<thead><tr><th>Team</th><th>Points</th></tr></thead>
		<tr><td>Alpha</td><td>10</td></tr>
		<tr><td>日本</td><td><a href="/b">7</a></td></tr>
		<tr><td colspan="2">Both played twice</td></tr>
		<tr><td rowspan="2">Gamma</td><td>1</td></tr>
		<tr><td>2</td></tr></table>`, base)
	assertBlocks(t, got, []Block{
		{Kind: Paragraph, Text: "Results"},
		{Kind: Preformatted, Text: strings.Join([]string{
			"Team   Points",
			"-----  ----------",
			"Alpha  10",
			"日本   7[1]",
			"Both played twice",
			"Gamma  1",
			"       2",
		}, "\n")},
	})
	if !slices.Equal(links, []string{"https://example.com/b"}) {
		t.Errorf("links = %q", links)
	}
}

func TestHTMLBlocksTableTooWideForATerminalIsReadRowByRow(t *testing.T) {
	long := strings.Repeat("word ", 20)
	got, _ := HTMLBlocks(`<table><tr><th>Symptom</th><th>Cause</th><th>Fix</th></tr>
		<tr><td>`+long+`</td><td>`+long+`</td><td></td></tr></table>`, nil)
	assertBlocks(t, got, []Block{
		{Kind: Paragraph, Text: "Symptom · Cause · Fix"},
		{Kind: Paragraph, Text: strings.TrimSpace(long) + " · " + strings.TrimSpace(long)},
	})
}

func TestBlocksOfElementsMadeByCodeAreRead(t *testing.T) {
	// go-readability makes paragraphs with a name but no atom.
	div := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, text := range []string{"One.", "Two."} {
		p := &html.Node{Type: html.ElementNode, Data: "p"}
		p.AppendChild(&html.Node{Type: html.TextNode, Data: text})
		div.AppendChild(p)
	}
	got, _ := nodeBlocks(div, nil, true)
	assertBlocks(t, got, []Block{{Kind: Paragraph, Text: "One."}, {Kind: Paragraph, Text: "Two."}})
}

func TestHTMLBlocksLayoutTableIsReadAsParagraphs(t *testing.T) {
	long := strings.Repeat("A long passage of the story. ", 20)
	got, _ := HTMLBlocks(`<table><tr><td>menu</td><td><p>`+long+`</p><p>Second.</p></td></tr></table>
		<table><tr><td>One column</td></tr><tr><td>Two rows</td></tr></table>`, nil)
	assertBlocks(t, got, []Block{
		{Kind: Paragraph, Text: "menu"},
		{Kind: Paragraph, Text: strings.TrimSpace(long)},
		{Kind: Paragraph, Text: "Second."},
		{Kind: Paragraph, Text: "One column"},
		{Kind: Paragraph, Text: "Two rows"},
	})
}

func TestHTMLBlocksSanitises(t *testing.T) {
	got, links := HTMLBlocks("<p>red \x1b[31malert\x1b[0m \u202eevil &#27;[2J &#x9b;x</p>"+
		"<pre>\x1b]0;title\x07code</pre><a href=\"https://e.com/\x1b[2J\">l</a>", nil)
	for _, b := range got {
		assertTerminalSafe(t, b.Text)
	}
	for _, l := range links {
		assertTerminalSafe(t, l)
	}
	if got[0].Text != "red alert evil ›x" {
		t.Errorf("paragraph = %q", got[0].Text)
	}
}

func TestHTMLBlocksUnescapesContentEscapedTwice(t *testing.T) {
	got, _ := HTMLBlocks(`&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;`, nil)
	assertBlocks(t, got, []Block{
		{Kind: Paragraph, Text: "Fish & chips"},
		{Kind: Paragraph, Text: "Two"},
	})
	got, _ = HTMLBlocks(`if a &lt; b and c &gt; d`, nil)
	assertBlocks(t, got, []Block{{Kind: Paragraph, Text: "if a < b and c > d"}})
}

// FuzzHTMLBlocks: no fragment panics the converter, and nothing it returns
// can act on a terminal or shows a tag.
func FuzzHTMLBlocks(f *testing.F) {
	f.Add(`<p>a <a href="/x">b</a></p><ul><li>c<ol><li>d</li></ol></ul>`)
	f.Add(`<table><tr><td colspan=3 rowspan=2>x</td><td>y</td></tr><tr><th>z</th></tr></table>`)
	f.Add("<pre>\x1b[31m\ttab</pre><br><br><img alt=\"\x9b2J\">")
	f.Add(`&lt;p&gt;x&lt;/p&gt;<noscript><p>y</p></noscript><xmp><b></xmp>`)
	f.Fuzz(func(t *testing.T, fragment string) {
		base, _ := url.Parse("https://example.com/a/b")
		blocks, links := HTMLBlocks(fragment, base)
		for _, b := range blocks {
			assertTerminalSafe(t, b.Text)
			if strings.TrimSpace(b.Text) == "" {
				t.Fatalf("empty block %+v from %q", b, fragment)
			}
		}
		for _, l := range links {
			assertTerminalSafe(t, l)
		}
	})
}
