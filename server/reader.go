package server

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2/bubbletea"

	"kiosk/model"
	"kiosk/store"
	"kiosk/ui"
)

// The largest window a reader lays out. A client may claim any size; the
// screen buffers grow with it, so an absurd size must not cost absurd memory.
const (
	maxColumns = 400
	maxRows    = 200
)

// Why a reader was ended from outside.
const (
	endIdle     = "idle"
	endMaxTime  = "max session time"
	endShutdown = "server shutdown"
)

// readerSession is one client's running reader and the timers that may end it.
type readerSession struct {
	program   *tea.Program
	state     *store.State
	lastInput atomic.Int64 // unix nanoseconds of the last byte from the client

	mu        sync.Mutex
	reason    string
	idleTimer *time.Timer
	maxTimer  *time.Timer
	stopped   bool
	// updates carries library snapshots to the reader in order (live.go);
	// nil once the reader has ended.
	updates chan model.Update
}

// end asks the reader to quit for reason; the first reason given wins.
func (rs *readerSession) end(reason string) {
	rs.mu.Lock()
	first := rs.reason == ""
	if first {
		rs.reason = reason
	}
	rs.mu.Unlock()
	if first {
		// Quit blocks until the program takes the message.
		go rs.program.Quit()
	}
}

func (rs *readerSession) endReason() string {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return rs.reason
}

func (rs *readerSession) stopTimers() {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.stopped = true
	for _, t := range []*time.Timer{rs.idleTimer, rs.maxTimer} {
		if t != nil {
			t.Stop()
		}
	}
}

// checkIdle ends the reader when the client has been quiet for idle, or
// looks again when it could next be.
func (rs *readerSession) checkIdle(idle time.Duration) {
	quiet := time.Since(time.Unix(0, rs.lastInput.Load()))
	if quiet >= idle {
		rs.end(endIdle)
		return
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if !rs.stopped {
		rs.idleTimer.Reset(idle - quiet)
	}
}

// readerKey finds a session's reader between newProgram and afterReader,
// which the bubbletea middleware calls in turn.
type readerKey struct{ sess ssh.Session }

// newProgram builds a fresh reader for one session: its own model, sized to
// the client's window, with input watched for the idle timeout.
func (s *Server) newProgram(sess ssh.Session) *tea.Program {
	pty, _, _ := sess.Pty()
	rs := &readerSession{}
	rs.lastInput.Store(time.Now().UnixNano())
	lib := s.lib.Load()
	rs.state = s.openState(sess, lib)
	reader := ui.New(lib, ui.Options{Cache: s.cache, State: rs.state, Feeds: s.readerFeeds(rs.state)})
	opts := append(bubbletea.MakeOptions(sess),
		tea.WithInput(inputWatcher{r: sess, last: &rs.lastInput}),
		tea.WithWindowSize(clampSize(pty.Window.Width, pty.Window.Height)),
		tea.WithFilter(clampWindowFilter),
		// Shutdown quits each reader itself; a signal handler per session
		// would only race it.
		tea.WithoutSignalHandler(),
	)
	rs.program = tea.NewProgram(reader, opts...)
	if !s.sessions.track(rs) {
		s.closeState(sess, rs.state)
		return nil
	}
	s.readers.Store(readerKey{sess}, rs)
	s.startTimers(rs)
	rs.startUpdates()
	if now := s.lib.Load(); now != lib {
		// The library changed between loading it and being tracked.
		rs.queueUpdate(model.Update{Lib: now})
	}
	return rs.program
}

func (s *Server) startTimers(rs *readerSession) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if idle := s.cfg.IdleTimeout; idle > 0 {
		rs.idleTimer = time.AfterFunc(idle, func() { rs.checkIdle(idle) })
	}
	if limit := s.cfg.MaxSessionTime; limit > 0 {
		rs.maxTimer = time.AfterFunc(limit, func() { rs.end(endMaxTime) })
	}
}

// afterReader runs once the reader has quit and the client's terminal is
// restored: it tells the client why, if the server ended the session. The
// message goes to stdout, behind the restoring sequences: OpenSSH writes
// stdout and stderr separately, and a message on stderr can reach the
// terminal before the alternate screen is left, and vanish with it.
func (s *Server) afterReader(sess ssh.Session) {
	v, ok := s.readers.LoadAndDelete(readerKey{sess})
	if !ok {
		// newProgram declined: shutdown began before the reader started.
		setEndReason(sess, endShutdown)
		fmt.Fprintln(sess, "kiosk is shutting down; try again in a minute.")
		return
	}
	rs := v.(*readerSession)
	rs.stopTimers()
	rs.stopUpdates()
	s.closeState(sess, rs.state)
	s.sessions.untrack(rs)
	reason := rs.endReason()
	if reason == "" {
		if sess.Context().Err() != nil {
			setEndReason(sess, "connection lost")
		}
		return
	}
	setEndReason(sess, reason)
	switch reason {
	case endIdle:
		fmt.Fprintf(sess, "kiosk: closed after %s without a key press.\n", s.cfg.IdleTimeout)
	case endMaxTime:
		fmt.Fprintf(sess, "kiosk: sessions last at most %s; connect again to go on reading.\n", s.cfg.MaxSessionTime)
	case endShutdown:
		fmt.Fprintln(sess, "kiosk: the server is shutting down. Thanks for reading.")
	}
}

// inputWatcher notes the time of every read from the client.
type inputWatcher struct {
	r    io.Reader
	last *atomic.Int64
}

func (w inputWatcher) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if n > 0 {
		w.last.Store(time.Now().UnixNano())
	}
	return n, err
}

func clampSize(w, h int) (int, int) {
	return min(max(w, 1), maxColumns), min(max(h, 1), maxRows)
}

// clampWindowFilter bounds window sizes and, as wish's own filter does, turns
// a suspend (ctrl+z) into a resume: there is no shell to suspend to.
func clampWindowFilter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		msg.Width, msg.Height = clampSize(msg.Width, msg.Height)
		return msg
	case tea.SuspendMsg:
		return tea.ResumeMsg{}
	}
	return msg
}
