package model_test

import (
	"fmt"
	"net/url"

	"kiosk/model"
)

// A feed item's HTML content becomes blocks, and its links numbered
// references.
func ExampleHTMLBlocks() {
	base, _ := url.Parse("https://example.com/news/")
	blocks, links := model.HTMLBlocks(`<p>Read <a href="story.html">the story</a>.</p>
		<ol><li>First</li><li>Second</li></ol><script>track()</script>`, base)
	for _, b := range blocks {
		fmt.Printf("%s %d %q\n", b.Kind, b.Number, b.Text)
	}
	fmt.Println(links)
	// Output:
	// paragraph 0 "Read the story[1]."
	// ordered_item 1 "First"
	// ordered_item 2 "Second"
	// [https://example.com/news/story.html]
}
