package model

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLBlocks turns an HTML fragment, such as a feed item's content, into an
// article's blocks and the addresses of its links.
//
// Paragraphs, headings (h1–h6), list items (numbers of ordered lists kept,
// nested lists flattened into the items around them), block quotes and
// preformatted text (pre, and data tables laid out in aligned columns)
// become blocks of those kinds. White space collapses as a browser collapses
// it; a line break (br) stays a newline inside its paragraph, two in a row
// end it. An image becomes "[image: alt text]" ("[image]" without alt text;
// none when its alt text is empty, as decorative images have). A link keeps
// its text followed by a reference such as "[2]": links[1] is its address,
// resolved against base (which may be nil) and numbered once however often
// it is linked. Scripts, styles, navigation, iframes, embedded media, form
// controls and hidden elements are dropped. All text is sanitised: no tag,
// entity, control character or escape sequence survives.
//
// Content escaped twice, so that its tags arrive as text, is unescaped once
// more.
func HTMLBlocks(fragment string, base *url.URL) (blocks []Block, links []string) {
	nodes := parseFragment(fragment)
	if len(nodes) == 1 && nodes[0].Type == html.TextNode && looksLikeEscapedHTML(nodes[0].Data) {
		nodes = parseFragment(nodes[0].Data)
	}
	w := newHTMLWalker(base, true)
	for _, n := range nodes {
		w.walk(n)
	}
	return w.finish()
}

// nodeBlocks is HTMLBlocks for a node already parsed, such as the content
// of a web page: it converts n and everything below it. Without markers it
// leaves out link references and image placeholders, keeping only the
// page's own text, as extraction quality is scored.
func nodeBlocks(n *html.Node, base *url.URL, markers bool) ([]Block, []string) {
	w := newHTMLWalker(base, markers)
	w.walk(n)
	return w.finish()
}

func parseFragment(s string) []*html.Node {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return nil
	}
	return nodes
}

// looksLikeEscapedHTML reports whether text that holds no elements is
// markup nonetheless: a feed that escaped its content twice.
func looksLikeEscapedHTML(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		rest := s[i+1:]
		rest = strings.TrimPrefix(rest, "/")
		end := strings.IndexAny(rest, " >/\n\t")
		if end > 0 && atom.Lookup([]byte(strings.ToLower(rest[:end]))) != 0 {
			return true
		}
		next := strings.IndexByte(s[i+1:], '<')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// htmlWalker builds blocks from a DOM in document order. Inline content
// gathers in text until a block boundary flushes it as a block of the kind
// the enclosing elements give.
type htmlWalker struct {
	base    *url.URL
	markers bool // add link references and image placeholders
	blocks  []Block
	links   []string
	linkNo  map[string]int

	text  strings.Builder
	space bool // a collapsible space is pending before the next text
	// markerSpace is set while the pending space is only the one a
	// placeholder ("[image: …]") keeps after itself, which punctuation
	// that follows it on the page does not take.
	markerSpace bool
	breaks      int // line breaks since the last text

	ctx    blockContext
	pre    int  // depth inside pre: text is kept as written
	inCell bool // inside a data table's cell: block boundaries are spaces
}

// blockContext says what kind of block the text being gathered becomes.
type blockContext struct {
	kind   BlockKind
	number int
	// joined is true inside a list item, heading or table cell: paragraphs
	// within it join into one block.
	joined bool
}

func newHTMLWalker(base *url.URL, markers bool) *htmlWalker {
	return &htmlWalker{base: base, markers: markers, linkNo: map[string]int{}}
}

func (w *htmlWalker) finish() ([]Block, []string) {
	w.flush()
	return w.blocks, w.links
}

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.addText(n.Data)
	case html.ElementNode:
		w.element(n)
	case html.DocumentNode:
		w.children(n)
	}
}

func (w *htmlWalker) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

func (w *htmlWalker) element(n *html.Node) {
	if isDropped(n) {
		return
	}
	switch tag(n) {
	case atom.Br:
		w.lineBreak()
	case atom.Img:
		w.image(n)
	case atom.A:
		w.link(n)
	case atom.Pre:
		w.preformatted(n)
	case atom.Table:
		w.table(n)
	case atom.Ul, atom.Ol:
		w.list(n)
	case atom.Li:
		w.block(n, blockContext{kind: ListItem, joined: true})
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.block(n, blockContext{kind: Heading, joined: true})
	case atom.Blockquote:
		w.block(n, blockContext{kind: Quote})
	case atom.Td, atom.Th:
		// Cells of a layout table: each holds a paragraph or more.
		kind := Paragraph
		if w.ctx.kind == Quote {
			kind = Quote
		}
		w.block(n, blockContext{kind: kind})
	default:
		if isBlockElement(tag(n)) {
			w.boundary()
			w.children(n)
			w.boundary()
			return
		}
		w.children(n)
	}
}

// isDropped reports whether n and everything in it is left out: code,
// styles, navigation, embedded content, form controls and hidden elements.
func isDropped(n *html.Node) bool {
	switch tag(n) {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Nav,
		atom.Iframe, atom.Frame, atom.Frameset, atom.Object, atom.Embed,
		atom.Svg, atom.Math, atom.Canvas, atom.Video, atom.Audio, atom.Picture,
		atom.Button, atom.Input, atom.Select, atom.Textarea, atom.Dialog,
		atom.Head, atom.Title, atom.Meta, atom.Link, atom.Noembed, atom.Noframes,
		atom.Xmp, atom.Plaintext, atom.Map, atom.Source, atom.Track:
		return true
	case atom.Form:
		// A form around a whole page (as some sites have) keeps its text; a
		// search box or a sign-up form goes.
		return !hasDescendant(n, atom.P)
	}
	if n.Namespace != "" {
		return true // svg and math content
	}
	if isScreenReaderOnly(n) {
		return true
	}
	for _, a := range n.Attr {
		switch {
		case a.Key == "hidden":
			return true
		case a.Key == "aria-hidden" && strings.EqualFold(strings.TrimSpace(a.Val), "true"):
			return true
		case a.Key == "style" && isHiddenStyle(a.Val):
			return true
		}
	}
	return false
}

func isHiddenStyle(style string) bool {
	s := strings.ToLower(strings.Join(strings.Fields(style), ""))
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

func hasDescendant(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (tag(c) == a || hasDescendant(c, a)) {
			return true
		}
	}
	return false
}

// isBlockElement reports whether an element starts and ends a block.
func isBlockElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header,
		atom.Footer, atom.Aside, atom.Figure, atom.Figcaption, atom.Address,
		atom.Details, atom.Summary, atom.Dl, atom.Dt, atom.Dd, atom.Hr,
		atom.Center, atom.Caption, atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot,
		atom.Body, atom.Html, atom.Form, atom.Fieldset, atom.Legend, atom.Hgroup:
		return true
	}
	return false
}

// block gathers n's content as blocks of the kind ctx says.
func (w *htmlWalker) block(n *html.Node, ctx blockContext) {
	if w.inCell || w.pre > 0 {
		w.boundary()
		w.children(n)
		w.boundary()
		return
	}
	w.flush()
	saved := w.ctx
	w.ctx = ctx
	w.children(n)
	w.flush()
	w.ctx = saved
}

// boundary ends the text gathered so far: as a block of its own, or with
// a space where paragraphs join into one block.
func (w *htmlWalker) boundary() {
	switch {
	case w.pre > 0:
		if w.text.Len() > 0 && !strings.HasSuffix(w.text.String(), "\n") {
			w.text.WriteByte('\n')
		}
	case w.inCell || w.ctx.joined:
		w.space, w.markerSpace = true, false
	default:
		w.flush()
	}
}

// flush ends the block being gathered, if it holds any text.
func (w *htmlWalker) flush() {
	w.space, w.breaks = false, 0
	if w.inCell || w.pre > 0 {
		return
	}
	text := tidyLines(w.text.String())
	w.text.Reset()
	if text == "" {
		return
	}
	w.blocks = append(w.blocks, Block{Kind: w.ctx.kind, Text: text, Number: w.ctx.number})
	if w.ctx.kind == ListItem || w.ctx.kind == OrderedItem {
		// Text after a nested list is no new item.
		w.ctx.kind, w.ctx.number = Paragraph, 0
	}
}

// tidyLines sanitises gathered text and trims the spaces around its lines
// and the blank lines around it.
func tidyLines(s string) string {
	s = Sanitize(s)
	if !strings.Contains(s, "\n") {
		return strings.TrimSpace(s)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// addText adds a text node's content, collapsing white space as a browser
// does outside pre.
func (w *htmlWalker) addText(s string) {
	if w.pre > 0 {
		w.text.WriteString(strings.ReplaceAll(s, "\r\n", "\n"))
		return
	}
	for _, r := range Sanitize(s) {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			w.space, w.markerSpace = true, false
			continue
		}
		if w.markerSpace && strings.ContainsRune(closingPunctuation, r) {
			w.space = false
		}
		w.markerSpace = false
		w.writeSpace()
		w.text.WriteRune(r)
		w.breaks = 0
	}
}

// writeSpace writes a pending space unless the line is empty so far.
func (w *htmlWalker) writeSpace() {
	if w.space && w.text.Len() > 0 && !strings.HasSuffix(w.text.String(), "\n") {
		w.text.WriteByte(' ')
	}
	w.space = false
}

// addWord adds text that stands apart from the words around it.
func (w *htmlWalker) addWord(s string) {
	last, _ := utf8.DecodeLastRuneInString(w.text.String())
	w.space = w.space || !strings.ContainsRune(openingPunctuation, last)
	w.writeSpace()
	w.text.WriteString(s)
	w.space, w.markerSpace, w.breaks = true, true, 0
}

// closingPunctuation is what follows a word with no space between, and
// openingPunctuation what precedes one.
const (
	closingPunctuation = ".,;:!?)]}»”’…%"
	openingPunctuation = "([{«“‘„"
)

func (w *htmlWalker) lineBreak() {
	switch {
	case w.pre > 0:
		w.text.WriteByte('\n')
	case w.inCell || w.ctx.joined:
		w.space, w.markerSpace = true, false
	case w.breaks > 0:
		w.flush()
	default:
		if w.text.Len() > 0 {
			w.text.WriteByte('\n')
		}
		w.space = false
		w.breaks++
	}
}

func (w *htmlWalker) image(n *html.Node) {
	alt, ok := attr(n, "alt")
	alt = strings.Join(strings.Fields(alt), " ")
	switch {
	case !w.markers:
		return
	case ok && alt == "":
		return // decorative
	case isTinyImage(n):
		return // a tracking pixel
	case alt == "":
		w.addWord("[image]")
	default:
		w.addWord("[image: " + alt + "]")
	}
}

func isTinyImage(n *html.Node) bool {
	for _, key := range []string{"width", "height"} {
		if v, ok := attr(n, key); ok {
			if px, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), "px")); err == nil && px <= 1 {
				return true
			}
		}
	}
	return false
}

// link adds a link's text and, when it leads anywhere, its reference.
func (w *htmlWalker) link(n *html.Node) {
	before := w.text.Len()
	w.children(n)
	href, ok := attr(n, "href")
	if !ok || w.text.Len() == before || !w.markers {
		return
	}
	target := w.resolve(href)
	if target == "" {
		return
	}
	no, seen := w.linkNo[target]
	if !seen {
		w.links = append(w.links, target)
		no = len(w.links)
		w.linkNo[target] = no
	}
	w.text.WriteString("[" + strconv.Itoa(no) + "]")
	w.breaks = 0
}

// resolve makes href absolute against the base; it returns "" for links
// within the page or to scripts, which lead nowhere a reader can follow.
func (w *htmlWalker) resolve(href string) string {
	href = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || r == '\r' {
			return -1
		}
		return r
	}, strings.TrimSpace(href))
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if w.base != nil {
		u = w.base.ResolveReference(u)
	}
	switch strings.ToLower(u.Scheme) {
	case "javascript", "data", "vbscript":
		return ""
	}
	if w.base != nil && u.Fragment != "" && sameDocument(u, w.base) {
		return ""
	}
	return Sanitize(u.String())
}

func sameDocument(u, base *url.URL) bool {
	a, b := *u, *base
	a.Fragment, b.Fragment = "", ""
	a.RawFragment, b.RawFragment = "", ""
	return a.String() == b.String()
}

func (w *htmlWalker) list(n *html.Node) {
	if w.inCell || w.pre > 0 {
		w.block(n, w.ctx)
		return
	}
	ordered := tag(n) == atom.Ol
	number, step := 1, 1
	if _, ok := attr(n, "reversed"); ok {
		step = -1
		number = countItems(n)
	}
	if v, ok := attr(n, "start"); ok {
		if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			number = s
		}
	}
	w.flush()
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || tag(c) != atom.Li {
			w.walk(c)
			continue
		}
		if isDropped(c) {
			continue
		}
		ctx := blockContext{kind: ListItem, joined: true}
		if ordered {
			if v, ok := attr(c, "value"); ok {
				if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
					number = s
				}
			}
			ctx.kind, ctx.number = OrderedItem, number
			number += step
		}
		w.block(c, ctx)
	}
	w.flush()
}

func countItems(n *html.Node) int {
	count := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && tag(c) == atom.Li {
			count++
		}
	}
	return count
}

// preformatted adds a pre element's text as written.
func (w *htmlWalker) preformatted(n *html.Node) {
	if w.inCell || w.pre > 0 {
		w.pre++
		w.children(n)
		w.pre--
		return
	}
	w.flush()
	w.pre++
	w.children(n)
	w.pre--
	text := Sanitize(w.text.String())
	w.text.Reset()
	w.addPreformatted(text)
}

// addPreformatted adds text laid out in lines as a Preformatted block,
// without trailing spaces or blank lines around it.
func (w *htmlWalker) addPreformatted(text string) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t\r\f")
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > 0 {
		w.blocks = append(w.blocks, Block{Kind: Preformatted, Text: strings.Join(lines, "\n")})
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key && a.Namespace == "" {
			return a.Val, true
		}
	}
	return "", false
}

// tag is an element's name as an atom. Elements made by code rather than
// by the parser (as go-readability makes its paragraphs) may carry only
// their name.
func tag(n *html.Node) atom.Atom {
	if n.DataAtom == 0 && n.Type == html.ElementNode {
		return atom.Lookup([]byte(n.Data))
	}
	return n.DataAtom
}
