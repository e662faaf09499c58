package server

import (
	"charm.land/log/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"kiosk/model"
	"kiosk/model/state"
)

// openState gives a session its reader's state: the store of its public key
// in the state folder, so that the reader finds it again with the same key
// next time, or one for this session only when the client has no key or the
// server keeps no state. The articles of lib are kept from being pruned.
// Close the store when the session ends.
func (s *Server) openState(sess ssh.Session, lib *model.Library) *state.Store {
	key := sess.PublicKey()
	if s.states == nil || key == nil {
		return state.NewMemory()
	}
	fingerprint := gossh.FingerprintSHA256(key)
	st, warnings := s.states.Open(fingerprint)
	for _, w := range warnings {
		s.log.Warn("reading state", "remote", sess.RemoteAddr().String(), "key", fingerprint, "err", w)
	}
	st.Touch(lib.IDs())
	return st
}

func (s *Server) closeState(sess ssh.Session, st *state.Store) {
	if err := st.Close(); err != nil {
		s.log.Warn("reading state not saved", "remote", sess.RemoteAddr().String(), "err", err)
	}
}

// newRegistry opens the state folder; a server that cannot write there
// still serves, keeping each session's state for the session only.
func newRegistry(cfg Config, logger *log.Logger) *state.Registry {
	if cfg.StateDir == "" {
		return nil
	}
	reg, err := state.NewRegistry(cfg.StateDir, state.Limits{})
	if err != nil {
		logger.Warn("reading state kept for each session only", "err", err)
		return nil
	}
	return reg
}

// StateDir is the folder readers' state is kept in, or a note that it is
// kept for each session only.
func (s *Server) StateDir() string {
	if s.states == nil {
		return "none: each session's own"
	}
	return s.cfg.StateDir
}
