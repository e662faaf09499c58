package feed

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// Subscription is one feed in a subscription list.
type Subscription struct {
	Title   string
	FeedURL string
	SiteURL string
	// Folder is the path of the outlines the feed sits in, such as
	// "News/Tech"; "" at the top.
	Folder string
	// Categories are the OPML category attribute's entries (newsboat keeps
	// its tags there).
	Categories []string
}

// SubscriptionList is an OPML document: its title, the feeds it lists, and
// the outlines skipped with the reason.
type SubscriptionList struct {
	Title         string
	Subscriptions []Subscription
	Skipped       []SkippedOutline
}

// SkippedOutline is an outline that names a feed kiosk cannot subscribe to.
type SkippedOutline struct {
	Title  string
	URL    string
	Reason string
}

type opmlDoc struct {
	XMLName xml.Name
	Version string    `xml:"version,attr"`
	Title   string    `xml:"head>title"`
	Body    *opmlBody `xml:"body"`
}

type opmlBody struct {
	Outlines []opmlOutline `xml:"outline"`
}

type opmlOutline struct {
	Attrs    []xml.Attr    `xml:",any,attr"`
	Outlines []opmlOutline `xml:"outline"`
}

// attr returns an outline attribute by name, ignoring case: real files
// write xmlUrl, xmlURL and xmlurl.
func (o opmlOutline) attr(name string) string {
	for _, a := range o.Attrs {
		if strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

// name is the outline's text, the attribute OPML requires, else its title.
func (o opmlOutline) name() string {
	if t := o.attr("text"); t != "" {
		return t
	}
	return o.attr("title")
}

// ReadOPML reads an OPML subscription list. Outlines nest into folders; a
// feed URL kiosk cannot fetch, or one listed twice, is skipped with the
// reason.
func ReadOPML(r io.Reader) (*SubscriptionList, error) {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	var doc opmlDoc
	if err := d.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("not OPML: the document is empty")
		}
		return nil, fmt.Errorf("not OPML: %w", err)
	}
	if !strings.EqualFold(doc.XMLName.Local, "opml") {
		return nil, fmt.Errorf("not OPML: the root element is <%s>, not <opml>", doc.XMLName.Local)
	}
	if doc.Body == nil {
		return nil, errors.New("OPML without a <body>: it lists no feeds")
	}
	list := &SubscriptionList{Title: strings.TrimSpace(doc.Title)}
	seen := map[string]bool{}
	var walk func(outlines []opmlOutline, folder string)
	walk = func(outlines []opmlOutline, folder string) {
		for _, o := range outlines {
			feedURL := o.attr("xmlUrl")
			if feedURL == "" {
				if len(o.Outlines) == 0 && isFeedType(o.attr("type")) {
					list.Skipped = append(list.Skipped, SkippedOutline{Title: o.name(), Reason: "the outline has no xmlUrl"})
				}
				walk(o.Outlines, joinFolder(folder, o.name()))
				continue
			}
			if _, err := CheckURL(feedURL); err != nil {
				list.Skipped = append(list.Skipped, SkippedOutline{Title: o.name(), URL: feedURL, Reason: err.Error()})
			} else if seen[feedURL] {
				list.Skipped = append(list.Skipped, SkippedOutline{Title: o.name(), URL: feedURL, Reason: "listed before"})
			} else {
				seen[feedURL] = true
				list.Subscriptions = append(list.Subscriptions, Subscription{
					Title:      o.name(),
					FeedURL:    feedURL,
					SiteURL:    o.attr("htmlUrl"),
					Folder:     folder,
					Categories: splitCategories(o.attr("category")),
				})
			}
			walk(o.Outlines, joinFolder(folder, o.name()))
		}
	}
	walk(doc.Body.Outlines, "")
	return list, nil
}

func isFeedType(t string) bool {
	switch strings.ToLower(t) {
	case "rss", "atom", "feed":
		return true
	}
	return false
}

func joinFolder(parent, name string) string {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return parent
	case parent == "":
		return name
	}
	return parent + "/" + name
}

func splitCategories(s string) []string {
	var out []string
	for c := range strings.SplitSeq(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// WriteOPML writes an OPML 2.0 subscription list: a folder becomes nested
// outlines, in the order the folders first appear.
func WriteOPML(w io.Writer, list *SubscriptionList) error {
	root := &folderNode{}
	for _, s := range list.Subscriptions {
		node := root
		if s.Folder != "" {
			for part := range strings.SplitSeq(s.Folder, "/") {
				node = node.child(part)
			}
		}
		node.outlines = append(node.outlines, outlineOut{
			Type:     "rss",
			Text:     s.Title,
			Title:    s.Title,
			XMLURL:   s.FeedURL,
			HTMLURL:  s.SiteURL,
			Category: strings.Join(s.Categories, ","),
		})
	}
	title := list.Title
	if title == "" {
		title = "kiosk subscriptions"
	}
	doc := opmlOut{Version: "2.0", Title: title, Outlines: root.build()}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

type opmlOut struct {
	XMLName  xml.Name     `xml:"opml"`
	Version  string       `xml:"version,attr"`
	Title    string       `xml:"head>title"`
	Outlines []outlineOut `xml:"body>outline"`
}

type outlineOut struct {
	Type     string       `xml:"type,attr,omitempty"`
	Text     string       `xml:"text,attr"`
	Title    string       `xml:"title,attr,omitempty"`
	XMLURL   string       `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string       `xml:"htmlUrl,attr,omitempty"`
	Category string       `xml:"category,attr,omitempty"`
	Outlines []outlineOut `xml:"outline"`
}

// folderNode gathers the feeds of one folder while WriteOPML builds the
// tree; feeds come before subfolders as they came in.
type folderNode struct {
	name     string
	outlines []outlineOut
	children []*folderNode
	order    []int // positions in outlines where each child goes
}

func (n *folderNode) child(name string) *folderNode {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	c := &folderNode{name: name}
	n.children = append(n.children, c)
	n.order = append(n.order, len(n.outlines))
	return c
}

func (n *folderNode) build() []outlineOut {
	out := make([]outlineOut, 0, len(n.outlines)+len(n.children))
	next := 0
	for i, c := range n.children {
		out = append(out, n.outlines[next:n.order[i]]...)
		next = n.order[i]
		out = append(out, outlineOut{Text: c.name, Title: c.name, Outlines: c.build()})
	}
	return append(out, n.outlines[next:]...)
}
