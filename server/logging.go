package server

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// loggedSession carries what the log says about one session. The ssh
// context is shared by all sessions of a connection, so per-session facts
// travel with the session value instead.
type loggedSession struct {
	ssh.Session

	mu  sync.Mutex
	end string
}

// setEndReason records why the session ended, for the disconnect log line.
func setEndReason(sess ssh.Session, reason string) {
	if ls, ok := sess.(*loggedSession); ok {
		ls.mu.Lock()
		ls.end = reason
		ls.mu.Unlock()
	}
}

func (ls *loggedSession) endReason() string {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.end == "" {
		return "client quit"
	}
	return ls.end
}

// logMiddleware logs every session's start and end with who and from where.
func (s *Server) logMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		start := time.Now()
		ls := &loggedSession{Session: sess}
		pty, _, hasPty := sess.Pty()
		fields := []any{
			"remote", sess.RemoteAddr().String(),
			"user", clientText(sess.User()),
			"key", keyFingerprint(sess.PublicKey()),
		}
		connect := append(fields[:len(fields):len(fields)], "client", clientText(sess.Context().ClientVersion()))
		if hasPty {
			connect = append(connect, "term", clientText(pty.Term), "size", fmt.Sprintf("%dx%d", pty.Window.Width, pty.Window.Height))
		}
		if cmd := sess.RawCommand(); cmd != "" {
			connect = append(connect, "command", clientText(cmd))
		}
		s.log.Info("connect", connect...)
		next(ls)
		s.log.Info("disconnect", append(fields, "duration", time.Since(start).Round(time.Millisecond), "end", ls.endReason())...)
	}
}

func keyFingerprint(key ssh.PublicKey) string {
	if key == nil {
		return "none"
	}
	return gossh.FingerprintSHA256(key)
}

// recoverMiddleware keeps a panic in one session from ending the others:
// it is logged with its stack and the client is told and disconnected.
// Readers catch their own panics (Bubble Tea restores the client's
// terminal); this guards everything around them.
func (s *Server) recoverMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("panic in session", "remote", sess.RemoteAddr().String(), "user", clientText(sess.User()),
					"panic", fmt.Sprint(r), "stack", strings.TrimSpace(string(debug.Stack())))
				setEndReason(sess, "panic")
				fmt.Fprintln(sess.Stderr(), "kiosk: internal error; the session was closed. Sorry.")
				_ = sess.Exit(1)
			}
		}()
		next(sess)
	}
}

// maxLogField is how many bytes of a client's own text (user name,
// command, client version) a log line or a message keeps.
const maxLogField = 200

// clientText makes text a client chose safe for one log line: control
// characters (newlines, escapes) escaped, and cut to maxLogField bytes.
func clientText(s string) string {
	total := len(s)
	cut := total > maxLogField
	if cut {
		s = strings.ToValidUTF8(s[:maxLogField], "")
	}
	if strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsGraphic(r) }) {
		q := strconv.QuoteToGraphic(s)
		s = q[1 : len(q)-1]
	}
	if cut {
		s += fmt.Sprintf("… (%d bytes in all)", total)
	}
	return s
}
