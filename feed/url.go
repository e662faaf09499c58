package feed

import (
	"fmt"
	"net/url"
	"strings"
)

// CheckURL parses a feed URL and refuses anything kiosk will not fetch:
// only http and https URLs with a host.
func CheckURL(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL: %w", raw, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	case "":
		return nil, fmt.Errorf("%q is not a web address: a feed URL starts with http:// or https://", raw)
	default:
		return nil, fmt.Errorf("%q uses the %s: scheme; kiosk fetches only http:// and https:// feeds", raw, u.Scheme)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("%q names no host", raw)
	}
	return u, nil
}
