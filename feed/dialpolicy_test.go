package feed

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
)

// TestPublicOnlyRefusesNonPublicAddresses: the dial policy a server's
// fetcher uses refuses every address that reaches no public host, the
// cloud metadata service among them, and names the address it refused.
func TestPublicOnlyRefusesNonPublicAddresses(t *testing.T) {
	for _, addr := range []string{
		"127.0.0.1:80", "127.1.2.3:8080", "[::1]:443",
		"169.254.169.254:80", "[fe80::1]:80", "[fe80::a9fe:a9fe%eth0]:80",
		"10.0.0.1:80", "172.16.5.4:80", "192.168.1.1:80", "[fd00::1]:80",
		"0.0.0.0:80", "[::]:80", "0.1.2.3:80",
		"[::ffff:127.0.0.1]:80", "[::ffff:169.254.169.254]:80",
		"100.100.100.200:80", "224.0.0.1:80", "[ff02::1]:80", "255.255.255.255:80",
		// NAT64 and 6to4 addresses of loopback, the metadata service and
		// private hosts; local-use NAT64; Teredo.
		"[64:ff9b::7f00:1]:80", "[64:ff9b::a9fe:a9fe]:80", "[64:ff9b::a00:1]:80",
		"[2002:7f00:1::]:80", "[2002:a9fe:a9fe::1]:80", "[2002:c0a8:101::1]:80",
		"[64:ff9b:1::5db8:d822]:80", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]:80",
	} {
		err := refuseNonPublic("tcp", addr, nil)
		if err == nil {
			t.Errorf("%s: allowed", addr)
			continue
		}
		host := addr[:strings.LastIndex(addr, ":")]
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		host = strings.TrimPrefix(host, "::ffff:")
		if !strings.Contains(err.Error(), host) {
			t.Errorf("%s: the error %q does not name the address", addr, err)
		}
	}
	for _, addr := range []string{"93.184.216.34:443", "[2606:4700:4700::1111]:443", "8.8.8.8:80",
		// A public site through NAT64 or 6to4.
		"[64:ff9b::5db8:d822]:443", "[2002:5db8:d822::1]:443"} {
		if err := refuseNonPublic("tcp", addr, nil); err != nil {
			t.Errorf("%s: refused: %v", addr, err)
		}
	}
}

// TestPublicOnlyFetcherConnectsToNoLoopbackServer: a PublicOnly fetcher
// refuses a loopback server, by address or by a name that resolves to it,
// for feeds and pages alike, and the server sees no request; an ordinary
// fetcher reads the same server.
func TestPublicOnlyFetcherConnectsToNoLoopbackServer(t *testing.T) {
	var requests atomic.Int32
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write([]byte(smallRSS))
	})
	public := testFetcher(Config{PublicOnly: true})
	byName := strings.Replace(srv.URL, "127.0.0.1", "localhost", 1)
	for _, u := range []string{srv.URL + "/feed.xml", byName + "/feed.xml"} {
		r := fetch(t, public, Request{URL: u})
		wantOutcome(t, r, Refused, "non-public address")
		if r.Err != nil && !strings.Contains(r.Err.Error(), "127.0.0.1") && !strings.Contains(r.Err.Error(), "::1") {
			t.Errorf("the error %q does not name the address refused", r.Err)
		}
		if _, err := public.GetPage(context.Background(), u); err == nil || !strings.Contains(err.Error(), "non-public address") {
			t.Errorf("GetPage(%s): %v, want a refusal", u, err)
		}
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("the loopback server got %d requests", n)
	}
	wantOutcome(t, fetch(t, testFetcher(Config{}), Request{URL: srv.URL}), Parsed, "")
}
