package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"charm.land/log/v2"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"kiosk/feed"
	"kiosk/model"
	"kiosk/news"
	"kiosk/server"
	"kiosk/store"
)

// shutdownTimeout is how long serve waits for readers to quit on SIGINT or
// SIGTERM before it closes the remaining connections; the process is gone
// within a second after that.
const shutdownTimeout = 4 * time.Second

type serveFlags struct {
	listen               string
	hostKey              string
	authorizedKeys       string
	maxSessions          int
	maxSessionsPerClient int
	maxWindow            string
	idleTimeout          time.Duration
	maxSessionTime       time.Duration
	rateLimit            int
	noWatch              bool
	db                   string
	stateDir             string
	noState              bool
	fetchPrivate         bool
	fetchEvery           time.Duration
	// fetchGiven names a flag about fetching given on the command line
	// (check sets it).
	fetchGiven string
}

// serveCommand is `kiosk serve`: the reader for every SSH client.
func (c *app) serveCommand() *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [PATH...]",
		Short: "Serve the reader to SSH clients",
		Long: `Serve the reader over SSH. Everyone who connects with 'ssh -p PORT HOST' gets
their own reader on the same articles (the items of the feeds subscribed in
the database, else the built-in ones; or PATHs), at their own window size and
colours. The server fetches the feeds itself, every reader sees new items
arrive, and readers can neither subscribe nor make it fetch an address. Without a terminal, clients can run 'list',
'show N' and 'help' instead; nothing else is ever executed.

With no --authorized-keys the server is an open kiosk: anyone who can reach
the port can read. Port and agent forwarding, X11, sftp and passwords are
never offered. Logs go to standard error.`,
		Example: `# Serve the built-in articles on localhost:2222, then: ssh -p 2222 localhost
kiosk serve

# Serve a folder to your network, to listed keys only
kiosk serve --listen 0.0.0.0:2222 --authorized-keys ~/.ssh/authorized_keys ~/news`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, paths []string) error {
			if err := f.check(cmd, paths); err != nil {
				return err
			}
			return c.serve(cmd.Context(), paths, f)
		},
	}
	f.register(cmd.Flags())
	return cmd
}

func (f *serveFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&f.listen, "listen", "127.0.0.1:2222", "address to listen on; 0.0.0.0:2222 or [::]:2222 for every interface")
	fl.StringVar(&f.hostKey, "host-key", server.DefaultHostKeyPath(), "the server's private key; an ed25519 key is created there (mode 0600) if missing")
	fl.StringVar(&f.authorizedKeys, "authorized-keys", "", "let in only the public keys in this authorized_keys file (default: anyone)")
	fl.IntVar(&f.maxSessions, "max-sessions", 100, "most readers served at once; more are told the server is full")
	fl.IntVar(&f.maxSessionsPerClient, "max-sessions-per-client", 10, "most sessions one SSH key, or one address, may hold at once (0: no limit)")
	fl.StringVar(&f.maxWindow, "max-window", "200x50", "largest size a reader is drawn at, COLUMNSxROWS; a bigger window shows it in its top left corner")
	fl.DurationVar(&f.idleTimeout, "idle-timeout", 10*time.Minute, "end a reader after this long without a key press, and a connection after this long without a session (0: never)")
	fl.DurationVar(&f.maxSessionTime, "max-session-time", 0, "end any session after this long (0: no limit)")
	fl.IntVar(&f.rateLimit, "rate-limit", 30, "new connections a minute allowed from one address, after a burst of 10 (0: no limit)")
	fl.StringVar(&f.db, "db", "", "keep each reader's read marks, stars and places, by SSH key, in this database file; its folder must exist (default $XDG_DATA_HOME/kiosk/kiosk.db)")
	fl.StringVar(&f.stateDir, "state-dir", defaultStateDir(), "import each reader's state, the first time their key comes, from an older kiosk's folder of JSON state files; the files are left as they are")
	fl.BoolVar(&f.noState, "no-state", false, "keep reading state for each session only; no database is read or written")
	fl.BoolVar(&f.noWatch, "no-watch", false, "don't follow changes to the folders and files served")
	fl.DurationVar(&f.fetchEvery, "fetch-every", feed.DefaultInterval, "fetch each of the operator's feeds this often (at least 1m; a feed's ttl may ask for less often)")
	fl.BoolVar(&f.fetchPrivate, "fetch-private-addresses", false, "fetch the full text of items from pages on loopback, private and link-local addresses too (default: public addresses only)")
	// Help names the defaults by their variables: the expanded paths can be
	// longer than a help line, and say less about where to change them.
	fl.Lookup("host-key").DefValue = "$XDG_DATA_HOME/kiosk/ssh_host_ed25519_key"
	fl.Lookup("state-dir").DefValue = "$XDG_STATE_HOME/kiosk/sessions"
}

func (f *serveFlags) check(cmd *cobra.Command, paths []string) error {
	if _, _, err := net.SplitHostPort(f.listen); err != nil {
		return usagef(cmd, "--listen %q is not HOST:PORT (try 127.0.0.1:2222 or 0.0.0.0:2222)", f.listen)
	}
	f.fetchGiven = fetchFlagGiven(cmd)
	switch {
	case f.fetchGiven != "" && len(paths) > 0:
		return usagef(cmd, "%s: a server of PATHs fetches no feeds; it applies to the feeds subscribed in the database, served with no PATH", f.fetchGiven)
	case f.fetchGiven != "" && f.noState:
		return usagef(cmd, "%s: with --no-state no feeds are fetched; it applies to the feeds subscribed in the database", f.fetchGiven)
	}
	switch {
	case f.maxSessions < 1:
		return usagef(cmd, "--max-sessions must be at least 1")
	case f.idleTimeout < 0:
		return usagef(cmd, "--idle-timeout cannot be negative; 0 means never")
	case f.maxSessionTime < 0:
		return usagef(cmd, "--max-session-time cannot be negative; 0 means no limit")
	case f.fetchEvery < time.Minute:
		return usagef(cmd, "--fetch-every %s is too often: fetch a feed at most once a minute (the default is %s)", f.fetchEvery, feed.DefaultInterval)
	case f.rateLimit < 0:
		return usagef(cmd, "--rate-limit cannot be negative; 0 means no limit")
	case f.maxSessionsPerClient < 0:
		return usagef(cmd, "--max-sessions-per-client cannot be negative; 0 means no limit")
	case f.noState && (cmd.Flags().Changed("state-dir") || f.db != ""):
		return usagef(cmd, "--no-state contradicts --db and --state-dir: give one")
	}
	if _, _, err := parseWindow(f.maxWindow); err != nil {
		return usagef(cmd, "--max-window: %v", err)
	}
	return nil
}

// fetchFlagGiven names the flag about fetching feeds given on the command
// line, if any: they mean something only for a server of the operator's
// feeds.
func fetchFlagGiven(cmd *cobra.Command) string {
	for _, name := range []string{"fetch-every", "fetch-private-addresses"} {
		if cmd.Flags().Changed(name) {
			return "--" + name
		}
	}
	return ""
}

// parseWindow reads COLUMNSxROWS, as in 200x50.
func parseWindow(s string) (w, h int, err error) {
	cols, rows, ok := strings.Cut(strings.ToLower(s), "x")
	w, errW := strconv.Atoi(cols)
	h, errH := strconv.Atoi(rows)
	if !ok || errW != nil || errH != nil || w < 20 || h < 5 {
		return 0, 0, fmt.Errorf("%q is not COLUMNSxROWS of at least 20x5 (try 200x50)", s)
	}
	return w, h, nil
}

// config is the server's configuration for the flags, which check has
// accepted; the database is opened by serve.
func (f *serveFlags) config(logger *log.Logger) server.Config {
	maxW, maxH, _ := parseWindow(f.maxWindow)
	cfg := server.Config{
		HostKeyPath:          f.hostKey,
		AuthorizedKeysPath:   f.authorizedKeys,
		MaxSessions:          f.maxSessions,
		MaxSessionsPerClient: f.maxSessionsPerClient,
		MaxWidth:             maxW,
		MaxHeight:            maxH,
		IdleTimeout:          f.idleTimeout,
		MaxSessionTime:       f.maxSessionTime,
		RateLimit:            f.rateLimit,
		Logger:               logger,
		LegacyStateDir:       f.stateDir,
	}
	if f.noState {
		cfg.LegacyStateDir = ""
	}
	// The flags say 0 for "no limit"; the server's zero value means "default".
	if f.idleTimeout == 0 {
		cfg.IdleTimeout = -1
	}
	if f.rateLimit == 0 {
		cfg.RateLimit = -1
	}
	if f.maxSessionsPerClient == 0 {
		cfg.MaxSessionsPerClient = -1
	}
	return cfg
}

func (c *app) serve(ctx context.Context, paths []string, f serveFlags) error {
	logger := log.NewWithOptions(c.stderr, log.Options{ReportTimestamp: true, TimeFormat: time.RFC3339, Prefix: "kiosk"})
	cfg := f.config(logger)
	if !f.noState {
		db, err := c.openServerDB(ctx, f.db, logger)
		if err != nil {
			return err
		}
		if db != nil {
			defer db.Close()
		}
		cfg.DB = db
	}
	lib, err := c.serveLibrary(ctx, paths, cfg.DB, logger)
	if err != nil {
		return err
	}
	srv, err := server.New(lib, cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", f.listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another server using the port? choose one with --listen)", f.listen, err)
	}
	access := "open kiosk: anyone who reaches the port may read (--authorized-keys to restrict)"
	if !srv.Open() {
		access = fmt.Sprintf("%d authorized keys", srv.AuthorizedKeys())
	}
	logger.Info("serving", "addr", ln.Addr().String(), "articles", len(lib.Articles),
		"host-key", srv.HostKeyFingerprint(), "access", access, "max-sessions", f.maxSessions,
		"state", srv.StateDB())

	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	switch {
	case lib.Name == news.LibraryName:
		srv.ServeFeeds(ctx, c.serveFeedsConfig(cfg.DB, f))
	case f.fetchGiven != "":
		// No database could be opened, or no feed is subscribed in it.
		logger.Warn(f.fetchGiven+" has no effect: no feed is subscribed in a database the server could open, so none is fetched", "library", lib.Name)
	}
	if !f.noWatch && len(paths) > 0 {
		if err := model.Watch(ctx, lib, paths, srv.Update); err != nil {
			logger.Warn("not following changes to the library", "err", err)
		}
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down: asking readers to quit")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	logger.Info("stopped")
	return <-served
}

// serveLibrary is what the server serves: the articles at paths, or with
// none the operator's library (their feeds' items; the built-in articles
// while nothing is subscribed). Feeds with no items yet are served empty:
// the server fetches them, and readers see the items arrive.
func (c *app) serveLibrary(ctx context.Context, paths []string, db *store.DB, logger *log.Logger) (*model.Library, error) {
	if len(paths) > 0 || db == nil {
		return c.loadLibrary(ctx, paths, nil)
	}
	lib, err := c.homeLibrary(ctx, db)
	if err != nil && lib != nil && lib.Name == news.LibraryName {
		logger.Info("no items yet: fetching the feeds", "err", err)
		return lib, nil
	}
	return lib, err
}

// openServerDB opens the database readers' state is kept in: the one
// --db names (an error when it cannot be opened), else the default one; a
// server that cannot open the default still serves, keeping each session's
// state for the session only, and logs why.
func (c *app) openServerDB(ctx context.Context, path string, logger *log.Logger) (*store.DB, error) {
	if path != "" {
		return store.Open(ctx, path)
	}
	db, err := store.OpenDefault(ctx)
	if err != nil {
		logger.Warn("reading state kept for each session only", "err", err)
		return nil, nil
	}
	return db, nil
}

// defaultStateDir is where earlier kiosks kept a server's readers' state:
// a folder beside the local reader's old state file
// ($XDG_STATE_HOME/kiosk/sessions).
func defaultStateDir() string {
	path := store.LegacyStatePath()
	if path == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(path), "sessions")
}
