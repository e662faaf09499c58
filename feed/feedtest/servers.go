// Package feedtest serves feeds to tests and benchmarks from loopback
// servers.
package feedtest

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// Servers serves bodies as RSS from hosts loopback servers, closed when tb
// ends, and returns their URLs: body i at /i of server i%hosts, the URLs of
// one server together, in the order of their servers. Each answer carries
// an ETag, and a request that sends it back gets a 304.
func Servers(tb testing.TB, hosts int, bodies []string) []string {
	var urls []string
	for h := range hosts {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/"))
			if err != nil || i < 0 || i >= len(bodies) {
				http.NotFound(w, r)
				return
			}
			etag := `"` + strconv.Itoa(i) + `"`
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
			w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
			w.Write([]byte(bodies[i]))
		}))
		tb.Cleanup(srv.Close)
		for i := h; i < len(bodies); i += hosts {
			urls = append(urls, srv.URL+"/"+strconv.Itoa(i))
		}
	}
	return urls
}
