package cli

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"

	tea "charm.land/bubbletea/v2"
)

// signalError ends kiosk with the shells' status for a process ended by
// sig (128 + its number), quietly: whoever sent it knows why.
type signalError struct{ sig syscall.Signal }

func (e *signalError) Error() string { return fmt.Sprintf("ended by %s", e.sig) }

func (e *signalError) exitStatus() int { return 128 + int(e.sig) }

// terminalSignals is what the full-screen reader does on the signals a
// terminal program gets. SIGINT, SIGTERM and SIGHUP (the terminal closed,
// an SSH link dropped) quit the reader, so that the terminal is restored
// where there still is one and the reading state is saved. SIGTSTP (kill
// -TSTP, or the shell's suspend) and the Ctrl+Z key suspend it as they
// would suspend less: Bubble Tea gives the terminal back, the process
// stops, and on SIGCONT (fg) Bubble Tea takes the terminal again.
//
// Bubble Tea's own signal handler is off: it knows neither SIGHUP nor
// SIGTSTP. Bubble Tea suspends by sending SIGTSTP to its process group and
// waiting for SIGCONT; but once a Go program has asked for SIGTSTP, the Go
// runtime never again lets it stop the process. So the SIGTSTP that comes
// while a suspend is under way is answered here with SIGSTOP, which stops
// the process as the shell expects.
type terminalSignals struct {
	quit, stop chan os.Signal
	done       chan struct{}
	once       sync.Once
	// suspending is set from the moment a suspend is asked for until the
	// reader has resumed.
	suspending atomic.Bool

	mu  sync.Mutex
	got syscall.Signal
}

func newTerminalSignals() *terminalSignals {
	s := &terminalSignals{
		quit: make(chan os.Signal, 1),
		stop: make(chan os.Signal, 1),
		done: make(chan struct{}),
	}
	signal.Notify(s.quit, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	notifySuspend(s.stop)
	return s
}

// follow acts on signals for p until close is called.
func (s *terminalSignals) follow(p *tea.Program) {
	for {
		select {
		case <-s.done:
			return
		case sig := <-s.quit:
			s.mu.Lock()
			if s.got == 0 {
				s.got = sig.(syscall.Signal)
			}
			s.mu.Unlock()
			p.Quit()
		case <-s.stop:
			if s.suspending.Load() {
				// Bubble Tea has released the terminal and waits for SIGCONT.
				stopProcess()
			} else {
				p.Send(tea.SuspendMsg{})
			}
		}
	}
}

// filter is the program's message filter: Ctrl+Z asks for a suspend, and
// a suspend is noted until the reader resumes.
func (s *terminalSignals) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if msg.String() == "ctrl+z" {
			s.suspending.Store(true)
			return tea.SuspendMsg{}
		}
	case tea.SuspendMsg:
		s.suspending.Store(true)
	case tea.ResumeMsg:
		s.suspending.Store(false)
	}
	return msg
}

// received is the signal that ended the reader, or nil.
func (s *terminalSignals) received() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.got == 0 {
		return nil
	}
	return &signalError{sig: s.got}
}

// close stops following signals.
func (s *terminalSignals) close() {
	s.once.Do(func() {
		signal.Stop(s.quit)
		signal.Stop(s.stop)
		close(s.done)
	})
}
