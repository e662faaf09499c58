package feed

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"time"
)

// Defaults for a Fetcher's Config.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultRequestTimeout = 30 * time.Second
	DefaultMaxBodySize    = 10 << 20 // bytes, after decompression
	DefaultMaxRedirects   = 5
)

// Config tunes a Fetcher; a zero field takes its default.
type Config struct {
	Version        string        // kiosk's version, named in the User-Agent
	ConnectTimeout time.Duration // to open a connection (TCP and TLS)
	RequestTimeout time.Duration // for the whole request, body included
	MaxBodySize    int64         // bytes, after decompression
	MaxRedirects   int
	// PublicOnly refuses to connect to any address that is not on the
	// public internet (loopback, private, link-local such as the cloud
	// metadata service at 169.254.169.254, unspecified, multicast,
	// reserved), checked on the resolved address of every connection, so
	// that DNS and redirects cannot lead around it; such a fetch is
	// Refused. It also ignores the proxy environment variables: through a
	// proxy the address the proxy connects to is out of kiosk's sight. For
	// fetching addresses chosen by others on a server's behalf.
	PublicOnly bool
}

// Fetcher fetches feeds politely: conditional GET, gzip, timeouts, a size
// cap and few redirects. It is safe for concurrent use and reuses
// connections between fetches.
type Fetcher struct {
	cfg       Config
	userAgent string
	transport *http.Transport
}

// NewFetcher returns a Fetcher for cfg.
func NewFetcher(cfg Config) *Fetcher {
	if cfg.ConnectTimeout <= 0 {
		cfg.ConnectTimeout = DefaultConnectTimeout
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	if cfg.MaxBodySize <= 0 {
		cfg.MaxBodySize = DefaultMaxBodySize
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = DefaultMaxRedirects
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	dialer := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}
	proxy := http.ProxyFromEnvironment
	if cfg.PublicOnly {
		dialer.Control = refuseNonPublic
		proxy = nil
	}
	return &Fetcher{
		cfg:       cfg,
		userAgent: "kiosk/" + cfg.Version + " (terminal news reader)",
		transport: &http.Transport{
			Proxy:               proxy,
			DialContext:         dialer.DialContext,
			TLSHandshakeTimeout: cfg.ConnectTimeout,
			ForceAttemptHTTP2:   true,
			// gzip is asked for and undone by this package, where the
			// body cap applies to the decompressed bytes.
			DisableCompression:  true,
			MaxIdleConns:        64,
			MaxIdleConnsPerHost: 2,
			IdleConnTimeout:     90 * time.Second,
		},
	}
}

// Request is one feed to fetch, with the validators stored from its last
// successful fetch.
type Request struct {
	URL          string
	ETag         string
	LastModified string
}

// Fetch fetches one feed and turns whatever happens into a Result.
func (f *Fetcher) Fetch(ctx context.Context, req Request) Result {
	u, err := CheckURL(req.URL)
	if err != nil {
		return Result{Outcome: Refused, URL: req.URL, Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, f.cfg.RequestTimeout)
	defer cancel()
	httpReq, err := f.newRequest(ctx, u.String(), req)
	if err != nil {
		return Result{Outcome: Refused, URL: req.URL, Err: err}
	}
	redirects := &redirectLog{max: f.cfg.MaxRedirects}
	client := &http.Client{Transport: f.transport, CheckRedirect: redirects.check}
	resp, err := client.Do(httpReq)
	if err != nil {
		return f.transportFailure(ctx, req, err)
	}
	defer resp.Body.Close()
	res := f.handleResponse(ctx, req, resp)
	res.PermanentURL = redirects.permanentURL
	return res
}

// redirectLog follows redirects for one fetch and remembers where a chain
// of permanent redirects (301, 308) from the requested URL leads.
type redirectLog struct {
	max          int
	temporary    bool // a temporary redirect came first: later ones move nothing
	permanentURL string
}

var (
	errTooManyRedirects = errors.New("too many redirects")
	errRefusedRedirect  = errors.New("redirected to a URL kiosk will not fetch")
)

func (l *redirectLog) check(req *http.Request, via []*http.Request) error {
	if len(via) > l.max {
		return fmt.Errorf("%w: more than %d (a redirect loop?)", errTooManyRedirects, l.max)
	}
	if _, err := CheckURL(req.URL.String()); err != nil {
		return fmt.Errorf("%w: %w", errRefusedRedirect, err)
	}
	switch req.Response.StatusCode {
	case http.StatusMovedPermanently, http.StatusPermanentRedirect:
		if !l.temporary {
			l.permanentURL = req.URL.String()
		}
	default:
		l.temporary = true
	}
	return nil
}

// transportFailure explains a request that got no response.
func (f *Fetcher) transportFailure(ctx context.Context, req Request, err error) Result {
	res := Result{Outcome: Unreachable, URL: req.URL}
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, context.Canceled):
		res.Outcome, res.Err = Canceled, fmt.Errorf("%s: fetch canceled", req.URL)
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
		res.Err = fmt.Errorf("%s: no answer within %v; the server is slow or down, kiosk tries again later", req.URL, f.cfg.RequestTimeout)
	case errors.Is(err, errTooManyRedirects):
		res.Err = fmt.Errorf("%s: %w; open the URL in a browser to see where it leads", req.URL, unwrapURLError(err))
	case errors.Is(err, errRefusedRedirect):
		res.Outcome, res.Err = Refused, fmt.Errorf("%s: %w", req.URL, unwrapURLError(err))
	case errors.Is(err, errNonPublicAddress):
		var opErr *net.OpError
		if errors.As(err, &opErr) {
			err = opErr.Err // "dial tcp ADDR: " says again what the error says
		}
		res.Outcome, res.Err = Refused, fmt.Errorf("%s: %w", req.URL, err)
	case errors.As(err, &dnsErr):
		res.Err = fmt.Errorf("%s: no such host %q; check the URL", req.URL, dnsErr.Name)
	default:
		res.Err = fmt.Errorf("%s: %w", req.URL, unwrapURLError(err))
	}
	return res
}

// unwrapURLError drops net/http's "Get "URL": " prefix: kiosk's messages
// name the URL themselves.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
