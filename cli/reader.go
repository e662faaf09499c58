package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"

	"kiosk/feed"
	"kiosk/feedui"
	"kiosk/model"
	"kiosk/news"
	"kiosk/render"
	"kiosk/store"
	"kiosk/ui"
)

// progressInterval paces loading-progress messages: often enough to look
// alive, rarely enough not to slow the loader down.
const progressInterval = 50 * time.Millisecond

// runReader opens the full-screen reader, or prints the list when standard
// output is not a terminal (so that `kiosk | head` works, as with glow).
func (c *app) runReader(cmd *cobra.Command, paths []string, display displayFlags, sf stateFlags) error {
	if err := c.checkPaths(cmd, paths); err != nil {
		return err
	}
	if !isTerminal(c.stdout) || noneExist(paths) {
		// Nothing to read is reported at once, without taking the screen.
		st, lib, err := c.openStateLibrary(cmd.Context(), paths, sf)
		if err != nil {
			return err
		}
		defer c.closeState(st)
		return render.WriteList(c.stdout, lib, st)
	}
	// Opened before the reader takes the screen, so that its warnings
	// are printed where they stay readable.
	st, err := c.openState(cmd.Context(), sf)
	if err != nil {
		return err
	}
	defer c.closeState(st)
	opts := ui.Options{Theme: display.theme, Width: display.width, State: st.State}
	var lib *model.Library
	if len(paths) == 0 {
		// The built-in articles, or the newest rows of the stored items,
		// load in well under a frame: load them first so the first frame
		// already shows them. The rest of a long list follows.
		var err error
		if lib, err = c.firstLibrary(cmd.Context(), st.db); err != nil {
			return err
		}
		c.adoptLibrary(cmd.Context(), st, lib)
		if st.db != nil && lib.Name == news.LibraryName {
			opts.Feeds = feedui.Local(st.db, st.State, feed.NewFetcher(feed.Config{Version: c.version()}))
		}
	}
	opts.OpenLink = openBrowser
	var completion *feedui.Completion
	if lib != nil && lib.Searcher != nil && len(lib.Articles) == firstItems {
		completion = feedui.NewCompletion(opts.Feeds)
	}
	signals := newTerminalSignals()
	defer signals.close()
	p := tea.NewProgram(ui.New(lib, opts), append(c.programOptions(cmd),
		tea.WithoutSignalHandler(), tea.WithFilter(signals.filter))...)
	go signals.follow(p)
	ctx, stopWatching := context.WithCancel(cmd.Context())
	defer stopWatching()
	watchErr := make(chan error, 1)
	loaded := make(chan error, 1)
	// arrived is set once a watched library that loaded empty gets an
	// article: its "no articles" error is then no longer true.
	var arrived atomic.Bool
	if lib == nil {
		go loadInto(p, loaded, func(progress func(done, total int)) (*model.Library, error) {
			lib, err := c.readLibrary(ctx, paths, st.db, progress)
			c.adoptLibrary(ctx, st, lib)
			// A folder with no articles yet is watched too, so that the
			// first one copied in shows.
			if lib != nil && watchable(cmd, paths) {
				watchErr <- model.Watch(ctx, lib, paths, func(u model.Update) {
					if len(u.Lib.Articles) > 0 {
						arrived.Store(true)
					}
					p.Send(ui.LibraryUpdateMsg{Update: u})
				})
			}
			return lib, err
		})
	}
	if completion != nil {
		go completion.Run(ctx, st.db, lib, func(full *model.Library) {
			p.Send(ui.LibraryUpdateMsg{Update: model.Update{Lib: full}})
		})
	}
	_, err = p.Run()
	signals.close()
	if sigErr := signals.received(); sigErr != nil {
		return sigErr
	}
	select {
	case werr := <-watchErr:
		if werr != nil {
			fmt.Fprintf(c.stderr, "kiosk: not following changes to the library: %s\n", oneLine(werr.Error()))
		}
	default:
	}
	if errors.Is(err, tea.ErrProgramPanic) {
		return errors.New("the reader crashed; the trace above says where: please report it")
	}
	select {
	case loadErr := <-loaded:
		if loadErr != nil && !arrived.Load() {
			return loadErr
		}
	default:
		// The reader quit before the library finished loading.
	}
	return err
}

// loadInto loads a library while p runs and hands it to the reader, with
// progress on the way; the load's error goes to loaded first, so that it is
// there when the reader quits. A panic while loading quits the program,
// which restores the terminal, and is reported with its stack. Quit, not
// Kill: a killed program leaves its input reader running on the terminal.
func loadInto(p *tea.Program, loaded chan<- error, load func(progress func(done, total int)) (*model.Library, error)) {
	var done, total atomic.Int64
	stop := make(chan struct{})
	defer close(stop)
	go sendProgress(p, stop, &done, &total)
	defer func() {
		if r := recover(); r != nil {
			select {
			case loaded <- fmt.Errorf("internal error while loading the library: %v\n%s\nPlease report this, with the trace above", r, debug.Stack()):
			default: // the load had finished: the panic came later
			}
			p.Quit()
		}
	}()
	lib, err := load(func(d, t int) {
		done.Store(int64(d))
		total.Store(int64(t))
	})
	loaded <- err
	p.Send(ui.LibraryMsg{Lib: lib, Err: err})
}

// sendProgress reports loading progress to p every progressInterval until
// stop is closed. The loader only stores counters: sending to p for every
// file would make it wait on the reader.
func sendProgress(p *tea.Program, stop <-chan struct{}, done, total *atomic.Int64) {
	ticker := time.NewTicker(progressInterval)
	defer ticker.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ticker.C:
			if t := total.Load(); t > 0 {
				p.Send(ui.LoadProgressMsg{Done: int(done.Load()), Total: int(t)})
			}
		}
	}
}

// programOptions connects the program to this invocation's terminal. When
// standard input is not a terminal, Bubble Tea opens the TTY itself.
func (c *app) programOptions(cmd *cobra.Command) []tea.ProgramOption {
	opts := []tea.ProgramOption{
		// Bubble Tea writes frames on a ticker; at its fastest rate a key
		// waits less for the screen (p95 19.9 ms → 9.2 ms, measured).
		tea.WithFPS(120),
		tea.WithContext(cmd.Context()),
		tea.WithOutput(c.stdout),
		tea.WithEnvironment(c.env),
	}
	if _, ok := terminal(c.stdin); ok {
		opts = append(opts, tea.WithInput(c.stdin))
	}
	if c.stdout == io.Writer(os.Stdout) && slices.Equal(c.env, os.Environ()) {
		// lipgloss detected this terminal's colours as the process started;
		// Bubble Tea would detect them again, which inside tmux runs
		// `tmux info` once more before the first frame.
		opts = append(opts, tea.WithColorProfile(lipgloss.Writer.Profile))
	}
	return opts
}

// watchable reports whether the reader should follow changes to paths:
// files and folders on disk, unless --no-watch says not to.
func watchable(cmd *cobra.Command, paths []string) bool {
	noWatch, _ := cmd.Flags().GetBool("no-watch")
	_, documents := splitDocuments(paths)
	return !noWatch && len(paths) > 0 && !slices.Contains(paths, stdinPath) && len(documents) == 0
}

// noneExist reports whether paths are given and none of them exists.
func noneExist(paths []string) bool {
	for _, p := range paths {
		if _, err := os.Lstat(p); p == stdinPath || isURL(p) || !errors.Is(err, os.ErrNotExist) {
			return false
		}
	}
	return len(paths) > 0
}

// checkPaths catches a mistyped command before it is taken for a missing
// file: `kiosk lsit` suggests `kiosk list`.
func (c *app) checkPaths(cmd *cobra.Command, paths []string) error {
	if len(paths) == 0 || isURL(paths[0]) {
		return nil
	}
	if _, err := os.Stat(paths[0]); !errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if s := cmd.SuggestionsFor(paths[0]); len(s) > 0 {
		return usagef(cmd, "%q is neither a file nor a command: did you mean 'kiosk %s'?", oneLine(paths[0]), strings.Join(s, "' or 'kiosk "))
	}
	return nil
}

// firstItems is how many stored items the reader lists before its first
// frame: a few screens, read in milliseconds however many are stored.
const firstItems = 200

// firstLibrary is what the reader shows first with no paths: the built-in
// articles, or the newest of the stored items (see homeLibrary).
func (c *app) firstLibrary(ctx context.Context, db *store.DB) (*model.Library, error) {
	if db == nil {
		return c.homeLibrary(ctx, nil)
	}
	lib, err := news.OpenFirstItems(ctx, db, firstItems)
	if err != nil || len(lib.Articles) > 0 {
		return lib, err
	}
	return c.withoutItems(ctx, db, lib)
}
