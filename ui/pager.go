package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kiosk/model"
	"kiosk/render"
)

// pagerModel is the article pane: the rendered article in a viewport, a
// status bar, and search inside the article.
type pagerModel struct {
	com     *common
	article *model.Article
	index   int // in the library
	// want is the rendering the pane needs; doc is the one it shows, which
	// lags behind while a render runs: the rendering with docOpts of docOf
	// (what article was when it was asked for), made from docBody, that
	// article with its body. A stored item is listed without its body
	// (model.Lazy), so its blocks, which doc.Anchors point at, are
	// docBody's, not docOf's.
	want           render.Options
	doc            *render.Document
	docOpts        render.Options
	docOf, docBody *model.Article
	// widest is the width of the document's widest line: preformatted
	// lines may be wider than the pane, which then scrolls sideways.
	widest int
	// xOffset is how far the pane is scrolled sideways: the viewport holds
	// only placeholder lines (see setLines), so it cannot. It stays within
	// the widest line (clampSideways).
	xOffset int
	// keepBlock is the block of the next rendering to bring back to the
	// top once it arrives, at a new width or of a new version of the
	// article; -1 for none. keepLine is how many of its lines to scroll
	// past. keepText, while a new version renders, is the block that was
	// at the top of the old one: the new version's body, when its
	// rendering arrives, is searched for it (live.go), keepBlock its
	// index in the old one till then.
	keepBlock, keepLine int
	keepText            *model.Block
	// otherText is set while the full text or the feed's own text replaces
	// the other (fulltext.go): its rendering is made anew.
	otherText bool
	// toFooter scrolls to the end once the next rendering arrives: the
	// reader asked to see the comments footer.
	toFooter bool
	// chunking is the chunk-by-chunk rendering of a large article under
	// way (chunks.go); chunkGen numbers them.
	chunking *chunking
	chunkGen int
	// blank stands in for the document's lines in the viewport (setLines).
	blank     []string
	vp        viewport.Model
	search    searchState
	input     textinput.Model
	prompting bool
	// note is a one-off message for the status bar, cleared by the next key.
	note string
	// searchOnOpen are words to search for once the article is rendered:
	// it was opened from a library search.
	searchOnOpen []string
	// gone is set when the open article's file was deleted from a watched
	// library: it stays open, marked so.
	gone bool
	// resume is the saved place to show once the rendering arrives;
	// opening counts openings, for the read timer; readPending is true
	// until this opening marks the article read (readstate.go).
	resume      model.Position
	opening     int
	readPending bool
	// resumeLater is set while the saved place lies in a part of a large
	// article not rendered yet.
	resumeLater bool
	// text is the full text or the feed's own (fulltext.go);
	// fetchedHere holds the keys of the items whose full text this reader
	// fetched, whose library articles may still hold their summaries;
	// ownText the keys of the items this reader switched to the feed's own
	// text with t, which open on it again.
	text        itemText
	fetchedHere map[string]bool
	ownText     map[string]bool
}

// renderedMsg carries a rendering made outside Update: of article, with
// opts, made from body (article with its body).
type renderedMsg struct {
	article *model.Article
	opts    render.Options
	doc     *render.Document
	body    *model.Article
	err     error
}

func newPagerModel(com *common) pagerModel {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	vp.MouseWheelDelta = 3
	in := textinput.New()
	in.Prompt = "/"
	return pagerModel{com: com, vp: vp, input: in, keepBlock: -1,
		fetchedHere: map[string]bool{}, ownText: map[string]bool{}}
}

// open shows article a (library index i), rendering it if the cache lacks it.
func (p *pagerModel) open(a *model.Article, i int, comments bool) tea.Cmd {
	p.leave()
	reading := p.beginReading(a)
	p.article, p.index = a, i
	p.doc = nil
	p.search = searchState{}
	p.prompting = false
	p.note = ""
	p.keepBlock, p.keepText = -1, nil
	p.toFooter = false
	p.searchOnOpen = nil
	p.gone = false
	p.xOffset = 0
	p.chunking = nil
	p.resumeLater = false
	p.text = itemText{}
	return tea.Batch(p.rerender(comments), reading)
}

// openSearching opens article a and searches it for each of terms.
func (p *pagerModel) openSearching(a *model.Article, i int, comments bool, terms []string) tea.Cmd {
	cmd := p.open(a, i, comments)
	p.searchOnOpen = terms
	if p.doc != nil { // the rendering was cached and is shown already
		p.runSearchOnOpen()
	}
	return cmd
}

func (p *pagerModel) runSearchOnOpen() {
	terms := p.searchOnOpen
	p.searchOnOpen = nil
	if len(terms) == 0 {
		return
	}
	p.search.findAny(p.doc, terms, 0)
	if len(p.search.matches) > 0 {
		p.showMatch()
	}
}

// rerender asks for the rendering the current size, theme and comments
// state need; a cached one is shown at once, otherwise a command makes it.
func (p *pagerModel) rerender(comments bool) tea.Cmd {
	if p.article == nil {
		return nil
	}
	p.fit()
	p.want = render.Options{Width: p.com.columnWidth(), Dark: p.com.dark, Comments: comments}
	if p.current() {
		return nil
	}
	if p.doc != nil && p.docOf == p.article && p.docOpts.Width != p.want.Width && p.keepBlock < 0 {
		p.keepBlock = p.doc.BlockAt(p.vp.YOffset())
	}
	if doc := p.com.cache.Cached(p.article, p.want); doc != nil {
		if body := p.loadedBody(); body != nil {
			p.chunking = nil
			p.show(doc, p.want, body)
			return nil
		}
	}
	if cmd := p.startChunks(); cmd != nil || p.chunking != nil {
		return cmd
	}
	job := p.renderJob()
	return func() tea.Msg { return job.run() }
}

// current reports whether the pane shows the rendering it needs.
func (p *pagerModel) current() bool {
	return p.doc != nil && p.docOf == p.article && p.docOpts == p.want
}

// loadedBody is the open article with its body when the pane has it at
// hand, or nil: a stored item's body is loaded outside Update.
func (p *pagerModel) loadedBody() *model.Article {
	switch {
	case p.article.HasBody():
		return p.article
	case p.docOf == p.article:
		return p.docBody
	}
	return nil
}

// renderJob is the rendering the pane waits for, to be made outside
// Update. shown is the rendering on screen, reused when the article is a
// new version with the same text (a stored item listed again after a
// fetch).
type renderJob struct {
	article *model.Article
	opts    render.Options
	cache   *render.Cache
	shown   *render.Document
	shownOf *model.Article
}

func (p *pagerModel) renderJob() renderJob {
	j := renderJob{article: p.article, opts: p.want, cache: p.com.cache}
	if p.doc != nil && p.chunking == nil && p.docOpts == p.want && !p.otherText {
		j.shown, j.shownOf = p.doc, p.docBody
	}
	return j
}

func (j renderJob) run() renderedMsg {
	msg := renderedMsg{article: j.article, opts: j.opts}
	// The body is held while the cache renders: the cache loads the same
	// one (model.Article.Load).
	msg.body, msg.err = j.article.Load(context.Background())
	if msg.err != nil {
		return msg
	}
	if j.shown != nil && j.shownOf.SameText(msg.body) {
		msg.doc = j.shown
		return msg
	}
	msg.doc, msg.err = j.cache.Document(j.article, j.opts)
	return msg
}

func (p *pagerModel) rendered(msg renderedMsg) {
	if msg.article != p.article || msg.opts != p.want {
		return
	}
	if msg.err != nil {
		p.note = errorNote(msg.err)
		return
	}
	p.chunking = nil
	p.show(msg.doc, msg.opts, msg.body)
}

// show puts a rendering of the open article, made from body, in the
// viewport and keeps the reader's place: the same line after a theme or
// comments change, the same paragraph at the top after a change of width
// or of the article's text.
func (p *pagerModel) show(doc *render.Document, o render.Options, body *model.Article) {
	first := p.doc == nil
	offset := p.vp.YOffset()
	p.doc, p.docOpts, p.docOf, p.docBody = doc, o, p.article, body
	p.otherText = false
	p.widest = 0
	for _, l := range doc.Plain {
		p.widest = max(p.widest, ansi.StringWidth(l))
	}
	p.clampSideways()
	if p.keepText != nil {
		var blocks []model.Block
		if body != nil {
			blocks = body.Blocks
		}
		p.keepBlock = sameBlock(*p.keepText, p.keepBlock, blocks)
		p.keepText = nil
	}
	p.search.reset(doc)
	p.setLines()
	switch {
	case p.toFooter || p.keepBlock >= 0:
	case first:
		p.resumeLater = true
	default:
		p.vp.SetYOffset(offset)
	}
	p.place()
	if len(p.searchOnOpen) > 0 {
		p.runSearchOnOpen()
	}
}

// place scrolls to where the reader is to be once the lines are there: the
// saved place, the paragraph kept at the top across a change of width or
// of the article's text, or the comments footer at the end. While a large article renders, a place
// in a part not rendered yet waits for it.
func (p *pagerModel) place() {
	complete := p.chunking == nil
	if p.resumeLater && (complete || p.resume.Block < len(p.doc.Anchors)) {
		p.vp.SetYOffset(p.doc.OffsetOf(p.resume))
		p.resumeLater = false
	}
	if p.keepBlock >= 0 && (complete || p.keepBlock < len(p.doc.Anchors)) {
		if p.keepBlock < len(p.doc.Anchors) {
			p.vp.SetYOffset(lineInBlock(p.doc, p.keepBlock, p.keepLine))
		}
		p.keepBlock, p.keepLine = -1, 0
	}
	if p.toFooter && complete {
		p.vp.GotoBottom()
		p.toFooter = false
	}
}

// setLines tells the viewport how many lines the document has. The viewport
// keeps only the scroll position; the pane draws the lines on screen itself
// (body), so that a 10 MB article is neither measured line by line on
// every change nor copied to highlight its matches.
func (p *pagerModel) setLines() {
	n := len(p.doc.Lines)
	for len(p.blank) < n {
		p.blank = append(p.blank, "")
	}
	p.vp.SetContentLines(p.blank[:n])
}

// body draws the lines on screen, the matches on them highlighted, as the
// viewport would: cut to its width and filled to its height.
func (p *pagerModel) body() string {
	w, h, top := p.vp.Width(), p.vp.Height(), p.vp.YOffset()
	lines := p.search.highlight(p.doc, top, min(len(p.doc.Lines), top+h), p.com.styles)
	for i, l := range lines {
		if p.xOffset > 0 || (p.widest > w && ansi.StringWidth(l) > w) {
			lines[i] = ansi.Cut(l, p.xOffset, p.xOffset+w)
		}
	}
	// Blank lines, not lines padded with spaces: Bubble Tea clears the screen
	// it draws on. A lipgloss block the pane's size padded every line, and
	// measured each again: a scroll step took 5× as long.
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// toggleComments re-renders with the footer shown or hidden; shown, the
// pane scrolls to it.
func (p *pagerModel) toggleComments(comments bool) tea.Cmd {
	p.toFooter = comments
	return p.rerender(comments)
}

// fit sizes the viewport and the search prompt to the terminal.
func (p *pagerModel) fit() {
	p.vp.SetWidth(p.com.width)
	p.vp.SetHeight(max(1, p.com.height-1))
	p.input.SetWidth(max(1, p.com.width-2))
	p.clampSideways()
}

// clampSideways keeps the sideways scroll within the widest line: once the
// pane is wider or the text narrower, no line stays cut at the left with
// nothing there to scroll to.
func (p *pagerModel) clampSideways() {
	p.xOffset = min(p.xOffset, max(0, p.widest-p.vp.Width()))
}

// clearSearch drops the search and its highlights.
func (p *pagerModel) clearSearch() {
	p.search.clear()
}

// startPrompt opens the search prompt in the status bar.
func (p *pagerModel) startPrompt() {
	p.prompting = true
	p.input.Reset()
	p.input.Focus()
}

func (p *pagerModel) cancelPrompt() {
	p.prompting = false
	p.input.Blur()
}

// runPrompt closes the prompt and searches for what was typed.
func (p *pagerModel) runPrompt() {
	p.cancelPrompt()
	p.runSearch(p.input.Value())
}

// typeQuery passes a key to the search prompt.
func (p *pagerModel) typeQuery(msg tea.KeyPressMsg) tea.Cmd {

	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// sidewaysStep is how many columns < and > scroll a wide table.
const sidewaysStep = 10

// wide reports whether the article has lines wider than the pane: tables
// and other preformatted text, which are never wrapped.
func (p *pagerModel) wide() bool {
	return p.doc != nil && p.widest > p.vp.Width()
}

// scrollLeft and scrollRight move a wide article sideways, as less -S does.
func (p *pagerModel) scrollLeft() { p.xOffset = max(0, p.xOffset-sidewaysStep) }

func (p *pagerModel) scrollRight() {
	p.xOffset = max(0, min(p.xOffset+sidewaysStep, p.widest-p.vp.Width()))
}

// wheel scrolls the article.
func (p *pagerModel) wheel(msg tea.MouseWheelMsg) tea.Cmd {
	defer p.noticeScroll(p.vp.YOffset())
	var cmd tea.Cmd
	p.vp, cmd = p.vp.Update(msg)
	return cmd
}

func (p *pagerModel) runSearch(query string) {
	if strings.TrimSpace(query) == "" || p.doc == nil {
		return
	}
	p.search.terms = nil
	p.search.find(p.doc, query, p.vp.YOffset())
	if len(p.search.matches) == 0 {
		p.note = noMatch(query)
		if p.chunking != nil { // beside "rendering 40%"
			p.note = fmt.Sprintf("No match for “%s” so far.", model.Sanitize(query))
		}
		return
	}
	p.showMatch()
}

// noMatch says that a search typed by the reader found nothing; what was
// typed or pasted is shown sanitised.
func noMatch(query string) string {
	return fmt.Sprintf("No match for “%s”.", model.Sanitize(query))
}

func (p *pagerModel) nextMatch() { p.stepMatch(1) }
func (p *pagerModel) prevMatch() { p.stepMatch(-1) }

func (p *pagerModel) stepMatch(delta int) {
	if len(p.search.matches) == 0 {
		if p.search.query != "" {
			p.note = noMatch(p.search.query)
		}
		return
	}
	p.search.step(delta)
	p.showMatch()
}

// showMatch highlights the matches and scrolls so that the current one is
// on screen, at the top when it was not, as less does.
func (p *pagerModel) showMatch() {
	line := p.search.matches[p.search.current].line
	if line < p.vp.YOffset() || line >= p.vp.YOffset()+p.vp.Height() {
		p.vp.SetYOffset(line)
	}
}

func (p *pagerModel) view(pos, total int) string {
	var body string
	if p.doc != nil {
		body = p.body()
	} else {
		body = p.com.styles.dim.Render("  Rendering…") + strings.Repeat("\n", max(0, p.vp.Height()-1))
	}
	return body + "\n" + p.statusBar(pos, total)
}

func (p *pagerModel) statusBar(pos, total int) string {
	s := p.com.styles
	w := p.com.width
	if p.prompting {
		return p.input.View()
	}
	var left []string
	switch {
	case p.gone:
		// The article is no longer one of the library's: no place among them.
		left = append(left, "deleted from the library", plural(total, "article", "articles")+" left")
	case pos > 0:
		left = append(left, fmt.Sprintf("%d/%d", pos, total))
	}
	left = append(left, fmt.Sprintf("%d%%", p.percent()))
	if p.starred() {
		left = append(left, "★")
	}
	if m := p.search.status(); m != "" {
		left = append(left, m)
	}
	if p.wide() {
		left = append(left, p.sidewaysHint())
	}
	if r := p.renderProgress(); r != "" {
		left = append(left, r)
	}
	if t := p.textStatus(); t != "" {
		left = append(left, t)
	}
	if a := p.com.activity; a != "" {
		left = append(left, a)
	}
	if p.note != "" {
		left = append(left, p.note)
	}
	l := " " + strings.Join(left, " · ") + " "
	right := shortHelp(p.com.keys.Pane.ShortHelp()) + " "
	bar := l
	if gap := w - ansi.StringWidth(l) - ansi.StringWidth(right); gap > 0 {
		bar = l + strings.Repeat(" ", gap) + right
	}
	bar = ansi.Truncate(bar, w, "…")
	if pad := w - ansi.StringWidth(bar); pad > 0 {
		bar += strings.Repeat(" ", pad)
	}
	return s.status.Render(bar)
}

// sidewaysHint marks that wide lines are cut at the pane's edge, and which
// way they scroll.
func (p *pagerModel) sidewaysHint() string {
	hint := []string{"wide"}
	if p.xOffset > 0 {
		hint = append(hint, "‹<")
	}
	if p.xOffset+p.vp.Width() < p.widest {
		hint = append(hint, ">›")
	}
	return strings.Join(hint, " ")
}

func (p *pagerModel) percent() int {
	if p.doc == nil {
		return 0
	}
	return int(p.vp.ScrollPercent()*100 + 0.5)
}
