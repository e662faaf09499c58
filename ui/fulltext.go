package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"kiosk/model"
)

// Full text in the pane: when an item whose feed gives only a summary is
// opened, its page's readable text is fetched in the background (the
// summary shown meanwhile) and shown when it arrives; t switches between
// the full text and the feed's own text.

// itemText is what the pane knows of the open article's texts.
type itemText struct {
	kind ItemText
	// full is set while the full text is shown; fetching while it is
	// being fetched; variant once the pane shows a text it loaded itself
	// rather than the library's article.
	full, fetching, variant bool
}

// textOfMsg says what text the article of an opening has.
type textOfMsg struct {
	opening int
	kind    ItemText
	err     error
}

// textMsg brings the article of an opening with the text asked for.
type textMsg struct {
	opening int
	full    bool
	article *model.Article
	err     error
}

// askTextOf asks, for a feed item just opened, whether its full text is
// stored or to be fetched.
func (p *pagerModel) askTextOf() tea.Cmd {
	f := p.com.feeds
	if f == nil || f.TextOf == nil || f.Text == nil || p.article == nil || p.article.Link == "" {
		return nil
	}
	a, opening := p.article, p.opening
	return func() tea.Msg {
		kind, err := f.TextOf(context.Background(), a)
		return textOfMsg{opening: opening, kind: kind, err: err}
	}
}

// gotTextOf starts fetching the full text of a summary.
func (p *pagerModel) gotTextOf(msg textOfMsg) tea.Cmd {
	if msg.opening != p.opening || msg.err != nil {
		return nil
	}
	p.text.kind = msg.kind
	if p.ownText[p.article.Key] {
		return p.keepOwnText()
	}
	switch msg.kind {
	case TextSummary:
		return p.loadText(true)
	case TextFull:
		p.text.full = true
		if p.fetchedHere[p.article.Key] {
			// The library's article still holds the summary it was first
			// opened with, its rendering cached: load the stored full text.
			return p.loadText(true)
		}
	}
	return nil
}

// keepOwnText shows the feed's own text of an item the reader switched to
// it before: the library's article is that text, unless it holds the full
// text stored before this reader opened it.
func (p *pagerModel) keepOwnText() tea.Cmd {
	if p.text.kind == TextFull && !p.fetchedHere[p.article.Key] {
		return p.loadText(false)
	}
	return nil
}

// loadText loads the open article with its full text or the feed's.
func (p *pagerModel) loadText(full bool) tea.Cmd {
	p.text.fetching = full && p.text.kind != TextFull
	load, a, opening := p.com.feeds.Text, p.article, p.opening
	return func() tea.Msg {
		art, err := load(context.Background(), a, full)
		return textMsg{opening: opening, full: full, article: art, err: err}
	}
}

// gotText shows the text that arrived, keeping the reader's place.
func (p *pagerModel) gotText(msg textMsg, comments bool) tea.Cmd {
	if msg.opening != p.opening {
		return nil
	}
	p.text.fetching = false
	if msg.err != nil {
		p.note = "No full text: " + errorNote(msg.err)
		return nil
	}
	p.text.full, p.text.variant = msg.full, true
	if msg.full {
		delete(p.ownText, msg.article.Key)
		if p.text.kind != TextFull {
			p.fetchedHere[msg.article.Key] = true
		}
		p.text.kind = TextFull
	} else {
		p.ownText[msg.article.Key] = true
	}
	// The other text: the rendering on screen is of the text it replaces,
	// whatever the articles compare as, so it is never reused.
	p.otherText = true
	return p.replace(msg.article, comments)
}

// toggleText is t: the full text, or the feed's own.
func (p *pagerModel) toggleText() tea.Cmd {
	if p.text.fetching {
		p.note = "Still fetching the full text…"
		return nil
	}
	return p.loadText(!p.text.full)
}

// canToggleText reports whether t has two texts to switch between.
func (p *pagerModel) canToggleText() bool {
	return p.com.feeds != nil && p.com.feeds.Text != nil && p.text.kind != TextOwn
}

// textStatus names the text shown, for the status bar.
func (p *pagerModel) textStatus() string {
	switch {
	case p.text.fetching:
		return "fetching the full text… (summary shown)"
	case p.text.kind == TextOwn:
		return ""
	case p.text.full:
		return "full text"
	}
	return "feed's text"
}
