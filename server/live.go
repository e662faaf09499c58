package server

import (
	"kiosk/model"
	"kiosk/ui"
)

// Update serves a new snapshot of the library: sessions that start from now
// on read it, and every running reader gets it as it is. Pass it to
// model.Watch.
func (s *Server) Update(u model.Update) {
	s.lib.Store(u.Lib)
	for _, rs := range s.sessions.running() {
		// Send waits for the reader to take the message: one slow client
		// must not hold up the others.
		go rs.program.Send(ui.LibraryUpdateMsg{Update: u})
	}
}
