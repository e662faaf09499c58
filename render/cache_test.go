package render

import (
	"testing"
	"time"

	"kiosk/model"
	"kiosk/model/modeltest"
)

// TestRenderCachePanickingRenderDoesNotBlockTheNextReader: a render that
// panics must not leave its article "being rendered" for good, or every
// later SSH reader who opens it at that width waits forever.
func TestRenderCachePanickingRenderDoesNotBlockTheNextReader(t *testing.T) {
	c := NewCache(4)
	a := modeltest.Seed(t)
	o := Options{Width: 70, Dark: true}
	c.render = func(*model.Article, Options) (string, error) { panic("glamour fell over") }

	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("the renderer's panic reached the reader: %v", r)
			}
		}()
		if _, err := c.Document(a, o); err == nil {
			t.Error("a render that panicked gave no error")
		}
	}()

	c.render = Article
	next := make(chan error, 1)
	go func() {
		_, err := c.Document(a, o)
		next <- err
	}()
	select {
	case err := <-next:
		if err != nil {
			t.Errorf("the next reader got %v; a failed render is not cached", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the next reader of an article whose render panicked is still waiting")
	}
}
