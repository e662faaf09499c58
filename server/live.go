package server

import (
	"kiosk/model"
	"kiosk/ui"
)

// pendingUpdates is how many library snapshots may wait for a busy reader;
// beyond that the oldest waiting one is dropped: each snapshot holds the
// whole library, so the reader still ends up current.
const pendingUpdates = 8

// Update serves a new snapshot of the library: sessions that start from now
// on read it, and every running reader gets it, in order. Pass it to
// model.Watch.
func (s *Server) Update(u model.Update) {
	s.lib.Store(u.Lib)
	for _, rs := range s.sessions.running() {
		rs.queueUpdate(u)
	}
}

// startUpdates starts the goroutine that hands snapshots to the reader one
// at a time: Send waits for the reader, and a slow client must hold up
// neither the others nor the order of its own updates.
func (rs *readerSession) startUpdates() {
	ch := make(chan model.Update, pendingUpdates)
	rs.mu.Lock()
	rs.updates = ch
	rs.mu.Unlock()
	go func() {
		for u := range ch {
			rs.program.Send(ui.LibraryUpdateMsg{Update: u})
		}
	}()
}

func (rs *readerSession) queueUpdate(u model.Update) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.updates == nil {
		return
	}
	for {
		select {
		case rs.updates <- u:
			return
		default:
			select { // full: drop the oldest waiting snapshot
			case <-rs.updates:
			default:
			}
		}
	}
}

// stopUpdates ends the forwarding goroutine once the reader has quit.
func (rs *readerSession) stopUpdates() {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if rs.updates != nil {
		close(rs.updates)
		rs.updates = nil
	}
}
