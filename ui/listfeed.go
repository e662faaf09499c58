package ui

import "kiosk/model"

// setFeed narrows the list to one feed's items (keys: their article
// keys), or with nil shows every article again, keeping the selected one.
func (l *listModel) setFeed(f *FeedRow, keys []string) {
	keep := l.selected()
	l.feed, l.feedKeys = f, nil
	if f != nil {
		l.feedKeys = make(map[string]bool, len(keys))
		for _, k := range keys {
			l.feedKeys[k] = true
		}
	}
	l.applyFilter(l.input.Value())
	l.selectArticle(keep)
}

// keepForFeed drops from l.visible the articles of other feeds.
func (l *listModel) keepForFeed() {
	if l.feed == nil {
		return
	}
	kept := l.visible[:0]
	for _, i := range l.visible {
		if l.feedKeys[l.lib.Articles[i].Key] {
			kept = append(kept, i)
		}
	}
	l.visible = kept
}

// libraryName is what the header calls the list: the library, or the
// feed it is narrowed to.
func (l *listModel) libraryName() string {
	name := model.EscapeName(l.lib.Name)
	if l.feed != nil {
		name += " · " + oneLineText(l.feed.Name)
	}
	return name
}
