package server

import (
	"context"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"kiosk/model"
	"kiosk/store"
)

// openState gives a session its reader's state: the state of its public
// key's fingerprint in the database, so that the reader finds it again with
// the same key next time, or one for this session only when the client has
// no key or the server keeps no state. The first time a key comes, its old
// JSON state file (from Config.LegacyStateDir) is imported. Close the state
// when the session ends.
func (s *Server) openState(sess ssh.Session, lib *model.Library) *store.State {
	key := sess.PublicKey()
	if s.cfg.DB == nil || key == nil {
		return store.NewMemoryState()
	}
	ctx := context.Background()
	fingerprint := gossh.FingerprintSHA256(key)
	st, err := s.cfg.DB.State(ctx, fingerprint)
	if err != nil {
		s.log.Warn("reading state kept for this session only", "remote", sess.RemoteAddr().String(), "key", fingerprint, "err", err)
		return store.NewMemoryState()
	}
	if s.cfg.LegacyStateDir != "" {
		if _, err := st.ImportJSON(ctx, store.LegacyReaderFile(s.cfg.LegacyStateDir, fingerprint)); err != nil {
			s.log.Warn("reading state", "remote", sess.RemoteAddr().String(), "key", fingerprint, "err", err)
		}
	}
	if err := st.Adopt(ctx, lib); err != nil {
		s.log.Warn("reading state", "remote", sess.RemoteAddr().String(), "key", fingerprint, "err", err)
	}
	return st
}

// closeState writes the session's last changes and keeps the database
// within store.DefaultLimits(): a stream of new keys cannot fill the disk.
func (s *Server) closeState(sess ssh.Session, st *store.State) {
	if err := st.Close(); err != nil {
		s.log.Warn("reading state not saved", "remote", sess.RemoteAddr().String(), "err", err)
	}
	if !st.Persistent() {
		return
	}
	if _, err := s.cfg.DB.Limit(context.Background(), st.Reader(), store.DefaultLimits()); err != nil {
		s.log.Warn("reading state", "err", err)
	}
}

// StateDB is the database readers' state is kept in, or a note that it is
// kept for each session only.
func (s *Server) StateDB() string {
	if s.cfg.DB == nil {
		return "none: each session's own"
	}
	return s.cfg.DB.Path()
}
