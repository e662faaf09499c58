package server

import (
	"fmt"
	"io"
	"kiosk/render"

	"charm.land/ssh"
)

// maxCommandLen is the longest command line worth reading: every command
// kiosk knows is a word or two.
const maxCommandLen = 256

const usage = `kiosk over SSH: read the news in your terminal.

  ssh HOST            open the reader (needs a terminal; add -t if a command is given)
  ssh HOST list       list the articles, one a line: number, title, byline, comments,
                      read or unread, starred (your own marks, by your key)
  ssh HOST show N     print article N (its number in the list, or its id) as plain text
  ssh HOST help       show this help
`

// dispatch sends a session with a command, or without a terminal, to the
// read-only commands and every other session to the reader.
func (s *Server) dispatch(reader ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		_, windowChanges, hasPty := sess.Pty()
		if hasPty {
			// Once the reader has gone, and for commands at all, nothing
			// reads window changes; a second unread one would block the
			// session's request loop, and leak it, for good.
			defer func() { go discard(windowChanges) }()
		}
		if sess.RawCommand() == "" && hasPty {
			reader(sess)
			return
		}
		var args []string
		if len(sess.RawCommand()) <= maxCommandLen {
			// Splitting words costs time that grows faster than the
			// command: never split what cannot be one of ours.
			args = sess.Command()
		}
		code := s.runCommand(sess, args, sess.Stderr())
		setEndReason(sess, fmt.Sprintf("exit %d", code))
		_ = sess.Exit(code)
	}
}

// discard drains ch until it is closed, with the session's requests.
func discard[T any](ch <-chan T) {
	for range ch {
	}
}

// runCommand runs one read-only command and returns its exit status.
// Nothing is ever executed: the words are only compared with a fixed list.
func (s *Server) runCommand(sess ssh.Session, args []string, stderr io.Writer) int {
	switch {
	case len(args) == 1 && args[0] == "list":
		lib := s.lib.Load()
		st := s.openState(sess, lib)
		defer s.closeState(sess, st)
		return s.report(sess, stderr, render.WriteList(sess, lib, st))
	case len(args) == 2 && args[0] == "show":
		a, _, err := s.lib.Load().Lookup(args[1])
		if err != nil {
			fmt.Fprintf(stderr, "kiosk: %v; the 'list' command shows the numbers and ids\n", err)
			return 1
		}
		return s.report(sess, stderr, render.WriteArticle(sess, a, s.textWidth(sess), true))
	case len(args) == 1 && (args[0] == "help" || args[0] == "--help" || args[0] == "-h"):
		_, _ = io.WriteString(sess, usage)
		return 0
	case sess.RawCommand() == "":
		fmt.Fprintf(stderr, "kiosk: the reader needs a terminal (ssh -t), or give a command.\n\n%s", usage)
		return 1
	default:
		fmt.Fprintf(stderr, "kiosk: unknown command \"%s\".\n\n%s", clientText(sess.RawCommand()), usage)
		return 1
	}
}

func (s *Server) report(sess ssh.Session, stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	s.log.Warn("command failed", "remote", sess.RemoteAddr().String(), "command", clientText(sess.RawCommand()), "err", err)
	fmt.Fprintf(stderr, "kiosk: %v\n", err)
	return 1
}

// textWidth is the client's terminal width when it has one, capped to the
// widest text column kiosk draws.
func (s *Server) textWidth(sess ssh.Session) int {
	if pty, _, ok := sess.Pty(); ok && pty.Window.Width > 0 {
		return min(pty.Window.Width, render.DefaultWidth)
	}
	return render.DefaultWidth
}
