// Package server serves the kiosk reader over SSH: every client that
// connects with a terminal gets its own reader on one shared library, and
// clients without a terminal can run a few read-only commands.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync/atomic"
	"time"

	"charm.land/log/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"kiosk/model"
	"kiosk/render"
	"kiosk/store"
)

// Config is how a Server behaves; the zero value of each field means its
// default.
type Config struct {
	// HostKeyPath is the server's private key, created when missing
	// (default: DefaultHostKeyPath).
	HostKeyPath string
	// AuthorizedKeysPath, when set, lets in only the keys listed in that
	// OpenSSH authorized_keys file. Empty means an open kiosk.
	AuthorizedKeysPath string
	// MaxSessions is the most sessions served at once (default 100). Twice
	// as many connections are let in, to give room to clients that are
	// still authenticating or between sessions.
	MaxSessions int
	// MaxSessionsPerClient is the most sessions one public key, and one
	// address (an IPv6 /64), may hold at once, and the most connections one
	// address may hold (default 10; negative: no limit).
	MaxSessionsPerClient int
	// MaxSessionsPerConn is the most channels, sessions or not, one
	// connection may hold open, like sshd's MaxSessions (default 10).
	MaxSessionsPerConn int
	// IdleTimeout ends a reader that has had no input for this long, and a
	// connection that has held no session for this long (default 10
	// minutes; negative: never).
	IdleTimeout time.Duration
	// MaxSessionTime ends any session after this long (0: no limit).
	MaxSessionTime time.Duration
	// MaxWidth and MaxHeight bound the size a reader is drawn at, whatever
	// window the client claims: the screen buffers grow with it (defaults
	// 200 and 50, a large terminal on a 1920×1080 monitor). Memory per
	// reader grows with its cells, about 400 bytes each.
	MaxWidth, MaxHeight int
	// RateLimit is how many new connections one address may open a minute,
	// after a burst of RateBurst (defaults 30 and 10; negative: no limit).
	RateLimit, RateBurst int
	// Logger receives structured connection logs (default: discard).
	Logger *log.Logger
	// DB keeps each reader's read marks, stars and places, by public key.
	// Nil keeps them for the session only. The caller opens and closes it.
	DB *store.DB
	// LegacyStateDir is the folder where earlier kiosks kept one JSON state
	// file per public key; a key's file is imported the first time it
	// comes. Empty imports nothing.
	LegacyStateDir string
}

const (
	defaultMaxSessions = 100
	defaultPerClient   = 10
	defaultPerConn     = 10
	defaultIdleTimeout = 10 * time.Minute
	defaultRateLimit   = 30
	defaultRateBurst   = 10
	defaultMaxWidth    = 200
	defaultMaxHeight   = 50
	// renderCacheEntries is how many rendered articles (one per article,
	// width and style) the shared cache keeps.
	renderCacheEntries = 512
	handshakeTimeout   = 30 * time.Second
	// transportSlack lets a session's own timers end it politely, restoring
	// the client's terminal, before the connection deadlines cut it off.
	transportSlack = 30 * time.Second
)

// Server is a kiosk SSH server. Create it with New, run it with Serve and
// stop it with Shutdown.
type Server struct {
	cfg      Config
	lib      atomic.Pointer[model.Library]
	cache    *render.Cache
	log      *log.Logger
	ssh      *ssh.Server
	sessions *sessions
	conns    *conns
	// listeners are the ones Serve accepts on, closed by Shutdown.
	listeners listenerSet
	refusals  *refusalLog
	limiter   *connLimiter
	auth      *authorizedKeys
	hostKey   gossh.Signer
	feeds     *feedService // the operator's feeds (feeds.go); nil for none
	// frames is where the readers' frame grid starts (frames.go).
	frames time.Time
}

// New prepares a server for lib, which is shared read-only by every session.
func New(lib *model.Library, cfg Config) (*Server, error) {
	if lib == nil {
		return nil, errors.New("server: no library to serve")
	}
	cfg = withDefaults(cfg)
	s := &Server{
		cfg:      cfg,
		cache:    render.NewCache(renderCacheEntries),
		log:      cfg.Logger,
		sessions: newSessions(cfg.MaxSessions, max(cfg.MaxSessionsPerClient, 0)),
		conns:    newConns(2*cfg.MaxSessions, max(cfg.MaxSessionsPerClient, 0), max(cfg.IdleTimeout, 0)),
		refusals: newRefusalLog(cfg.Logger, refusalWindow),
		frames:   time.Now(),
	}
	s.lib.Store(lib)
	if cfg.RateLimit > 0 {
		s.limiter = newConnLimiter(cfg.RateLimit, cfg.RateBurst)
	}
	hostKey, created, err := LoadOrCreateHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	s.hostKey = hostKey
	if created {
		s.log.Info("created host key", "path", cfg.HostKeyPath)
	}
	if cfg.AuthorizedKeysPath != "" {
		if s.auth, err = loadAuthorizedKeys(cfg.AuthorizedKeysPath, s.log); err != nil {
			return nil, err
		}
	}
	s.ssh = s.newSSHServer()
	return s, nil
}

func withDefaults(cfg Config) Config {
	if cfg.HostKeyPath == "" {
		cfg.HostKeyPath = DefaultHostKeyPath()
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = defaultMaxSessions
	}
	if cfg.MaxSessionsPerClient == 0 {
		cfg.MaxSessionsPerClient = defaultPerClient
	}
	if cfg.MaxSessionsPerConn <= 0 {
		cfg.MaxSessionsPerConn = defaultPerConn
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = defaultIdleTimeout
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = defaultRateLimit
	}
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = defaultRateBurst
	}
	if cfg.MaxWidth <= 0 {
		cfg.MaxWidth = defaultMaxWidth
	}
	if cfg.MaxHeight <= 0 {
		cfg.MaxHeight = defaultMaxHeight
	}
	if cfg.Logger == nil {
		cfg.Logger = log.New(io.Discard)
	}
	return cfg
}

func (s *Server) newSSHServer() *ssh.Server {
	srv := &ssh.Server{
		Version:          "kiosk",
		HostSigners:      []ssh.Signer{s.hostKey},
		HandshakeTimeout: handshakeTimeout,
		ConnCallback:     s.admitConn,
		PublicKeyHandler: s.allowKey,
		// Only "session" channels: no port forwarding (direct-tcpip),
		// no global requests (tcpip-forward), no subsystems such as sftp.
		ChannelHandlers:   map[string]ssh.ChannelHandler{"session": s.sessionChannel},
		RequestHandlers:   map[string]ssh.RequestHandler{},
		SubsystemHandlers: map[string]ssh.SubsystemHandler{},
		ConnectionFailedCallback: func(conn net.Conn, err error) {
			s.log.Debug("handshake failed", "remote", conn.RemoteAddr().String(), "err", clientText(err.Error()))
		},
	}
	if s.auth == nil {
		// An open kiosk still asks for a public key when the client has one,
		// so the log can name it; clients without keys get in through a
		// keyboard-interactive exchange that asks nothing.
		srv.KeyboardInteractiveHandler = func(ssh.Context, gossh.KeyboardInteractiveChallenge) bool { return !s.sessions.isClosing() }
	}
	if s.cfg.IdleTimeout > 0 {
		srv.IdleTimeout = s.cfg.IdleTimeout + transportSlack
	}
	if s.cfg.MaxSessionTime > 0 {
		srv.MaxTimeout = s.cfg.MaxSessionTime + transportSlack
	}
	srv.Handler = s.logMiddleware(s.recoverMiddleware(s.sessions.limitMiddleware(s.dispatch(s.runReader))))
	return srv
}

// HostKeyFingerprint is the SHA256 fingerprint clients see for this server.
func (s *Server) HostKeyFingerprint() string {
	return gossh.FingerprintSHA256(s.hostKey.PublicKey())
}

// Open reports whether anyone may connect (no --authorized-keys).
func (s *Server) Open() bool { return s.auth == nil }

// AuthorizedKeys is the number of keys allowed in, when not Open.
func (s *Server) AuthorizedKeys() int {
	if s.auth == nil {
		return 0
	}
	return s.auth.len()
}

// Serve accepts connections on ln until Shutdown. It returns nil after a
// shutdown.
func (s *Server) Serve(ln net.Listener) error {
	if !s.listeners.add(ln) {
		_ = ln.Close()
		return nil
	}
	err := s.ssh.Serve(ln)
	if s.listeners.isClosed() || errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections, asks every reader to quit so its
// client's terminal is restored, waits for sessions to end and then closes
// what remains. It returns when done or when ctx expires, whichever is first.
//
// It does not call charm's ssh Shutdown: that waits on a WaitGroup its
// connections join only after their handshake, so a client finishing its
// handshake during the wait races with it.
func (s *Server) Shutdown(ctx context.Context) error {
	s.sessions.closeAll()
	s.listeners.closeAll()
	defer s.refusals.flush()

	ended := make(chan struct{})
	go func() {
		s.sessions.wait()
		close(ended)
	}()
	select {
	case <-ended:
	case <-ctx.Done():
	}
	// Clients normally hang up as soon as their session ends; give them a
	// moment to, then close whatever connections are left, handshakes too.
	grace := time.NewTimer(time.Second)
	defer grace.Stop()
	select {
	case <-s.conns.drained():
	case <-grace.C:
	case <-ctx.Done():
	}
	s.conns.closeAll()
	// The listeners are closed already, but charm's ssh may not yet have
	// let go of one: closing it again is no failure.
	if err := s.ssh.Close(); err != nil && !errors.Is(err, net.ErrClosed) {
		return fmt.Errorf("close connections: %w", err)
	}
	return ctx.Err()
}

// admitConn applies the per-address rate limit and the limits on
// connections before the handshake, and starts the clock that closes a
// connection holding no session.
func (s *Server) admitConn(ctx ssh.Context, conn net.Conn) net.Conn {
	// Refused before the version exchange, as sshd's MaxStartups does:
	// there is no channel yet to explain on, and words would cost more than
	// the flood they answer.
	remote := addrKey(conn.RemoteAddr())
	if s.limiter != nil && !s.limiter.allow(conn.RemoteAddr(), time.Now()) {
		s.refusals.refuse("rate limited", remote)
		return nil
	}
	st, refusal := s.conns.admit(conn, func() {
		s.log.Info("closed a connection without a session", "remote", conn.RemoteAddr().String(), "after", s.cfg.IdleTimeout)
	})
	if st == nil {
		s.refusals.refuse(refusal, remote, "connections", s.conns.count())
		return nil
	}
	ctx.SetValue(connKey{}, st)
	return st
}

func (s *Server) allowKey(ctx ssh.Context, key ssh.PublicKey) bool {
	if s.sessions.isClosing() {
		return false
	}
	if s.auth == nil {
		return true
	}
	why := s.auth.refusal(key, ctx.User(), ctx.RemoteAddr(), time.Now())
	if why == "" {
		return true
	}
	s.refusals.refuse("key refused", addrKey(ctx.RemoteAddr()), "why", why, "user", clientText(ctx.User()), "key", gossh.FingerprintSHA256(key))
	return false
}
