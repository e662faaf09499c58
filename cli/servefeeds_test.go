package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestServeFetchesPagesFromPublicAddressesOnly: kiosk serve's page fetcher
// refuses a loopback page unless --fetch-private-addresses; its feed
// fetcher reaches the operator's feeds wherever they are.
func TestServeFetchesPagesFromPublicAddressesOnly(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<p>the page</p>"))
	}))
	defer page.Close()
	c := &app{}
	cfg := c.serveFeedsConfig(nil, serveFlags{})
	if _, err := cfg.Pages.GetPage(context.Background(), page.URL); err == nil || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Errorf("serve fetched a page on a loopback address: %v", err)
	}
	if _, err := cfg.Fetcher.GetPage(context.Background(), page.URL); err != nil {
		t.Errorf("serve cannot reach the operator's loopback address: %v", err)
	}
	cfg = c.serveFeedsConfig(nil, serveFlags{fetchPrivate: true})
	if _, err := cfg.Pages.GetPage(context.Background(), page.URL); err != nil {
		t.Errorf("with --fetch-private-addresses: %v", err)
	}
}
