package server

import (
	"errors"
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

// The size a reader is drawn at when the client gives none.
const (
	defaultColumns = 80
	defaultRows    = 24
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
	input     *readerInput
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

// runReader serves one session's reader: its own model, sized to the
// client's window, until the reader quits or is ended; then it tells the
// client why, if the server ended it.
func (s *Server) runReader(sess ssh.Session) {
	rs, in := s.newReader(sess)
	if rs == nil {
		setEndReason(sess, endShutdown)
		fmt.Fprintln(sess, "kiosk is shutting down; try again in a minute.")
		return
	}
	pty, _, _ := sess.Pty()
	in.start(sess, pty.Term, rs.program)
	_, _ = io.WriteString(sess, terminalQueries)
	onFrameGrid(sess, untilFrame(s.frames, time.Now()))
	if _, err := rs.program.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		s.log.Error("reader failed", "remote", sess.RemoteAddr().String(), "err", err)
	}
	in.stop()
	s.afterReader(sess, rs)
}

// onFrameGrid waits for the readers' next frame, or for the session to end.
func onFrameGrid(sess ssh.Session, wait time.Duration) {
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
	case <-sess.Context().Done():
	}
}

// newReader builds a fresh reader for one session, or returns nil when
// shutdown has begun.
func (s *Server) newReader(sess ssh.Session) (*readerSession, *readerInput) {
	pty, _, _ := sess.Pty()
	rs := &readerSession{}
	rs.lastInput.Store(time.Now().UnixNano())
	lib := s.lib.Load()
	rs.state = s.openState(sess, lib)
	w, h := clampSize(pty.Window.Width, pty.Window.Height, s.cfg.MaxWidth, s.cfg.MaxHeight)
	in := newReaderInput(&rs.lastInput, w, h, s.cfg.MaxWidth, s.cfg.MaxHeight)
	reader := ui.New(lib, ui.Options{Cache: s.cache, State: rs.state, Feeds: s.readerFeeds(rs.state)})
	opts := append(bubbletea.MakeOptions(sess),
		tea.WithInput(nil), // the server reads the client: readerInput
		tea.WithWindowSize(w, h),
		// Shutdown quits each reader itself; a signal handler per session
		// would only race it.
		tea.WithoutSignalHandler(),
		tea.WithFPS(frameRate),
	)
	rs.program = tea.NewProgram(reader, opts...)
	rs.input = in
	if !s.sessions.track(rs) {
		s.closeState(sess, rs.state)
		return nil, nil
	}
	s.startTimers(rs)
	rs.startUpdates()
	if now := s.lib.Load(); now != lib {
		// The library changed between loading it and being tracked.
		rs.queueUpdate(model.Update{Lib: now})
	}
	return rs, in
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
func (s *Server) afterReader(sess ssh.Session, rs *readerSession) {
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

// clampSize is the size a reader is drawn at for a client window of w×h:
// 80×24 when the client says 0 (OpenSSH does when its input is not a
// terminal), and no larger than maxW×maxH.
func clampSize(w, h, maxW, maxH int) (int, int) {
	if w <= 0 {
		w = defaultColumns
	}
	if h <= 0 {
		h = defaultRows
	}
	return min(w, maxW), min(h, maxH)
}
