package server

import (
	"fmt"
	"strings"

	"charm.land/log/v2"
	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Limits on what a client may pass through "env" requests. OpenSSH sends
// LANG and LC_* by default; COLORTERM and NO_COLOR let a reader ask for more
// or fewer colours with `ssh -o SetEnv=...`.
const (
	maxEnvVars     = 16
	maxEnvValueLen = 256
)

// sessionChannel opens session channels like ssh.DefaultSessionHandler,
// at most MaxSessionsPerConn at once on one connection, and lets through only
// the requests a reader needs: pty-req, window-change, shell, exec and a few
// harmless environment variables. Agent forwarding, X11, subsystems (sftp),
// signals and other variables are refused before the session sees them.
// Channels of every other kind are refused by the ssh package, as no
// handler is registered for them, so this counts every open channel.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, newChan gossh.NewChannel, ctx ssh.Context) {
	st := connOf(ctx)
	if st == nil || !st.openChannel(s.cfg.MaxSessionsPerConn) {
		_ = newChan.Reject(gossh.ResourceShortage, fmt.Sprintf("kiosk allows %d sessions on one connection", s.cfg.MaxSessionsPerConn))
		s.refusals.refuse("too many sessions on one connection", addrKey(conn.RemoteAddr()), "max", s.cfg.MaxSessionsPerConn)
		return
	}
	defer st.closeChannel()
	ssh.DefaultSessionHandler(srv, conn, guardedChannel{NewChannel: newChan, log: s.log, remote: conn.RemoteAddr().String()}, ctx)
}

type guardedChannel struct {
	gossh.NewChannel
	log    *log.Logger
	remote string
}

func (c guardedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	allowed := make(chan *gossh.Request)
	go c.filter(reqs, allowed)
	return ch, allowed, nil
}

func (c guardedChannel) filter(in <-chan *gossh.Request, out chan<- *gossh.Request) {
	defer close(out)
	envs := 0
	for req := range in {
		ok := false
		switch req.Type {
		case "pty-req", "window-change", "shell", "exec":
			ok = true
		case "env":
			ok = envs < maxEnvVars && allowedEnv(req.Payload)
			if ok {
				envs++
			}
		}
		if ok {
			out <- req
			continue
		}
		c.log.Debug("refused session request", "remote", c.remote, "type", clientText(req.Type))
		if req.WantReply {
			_ = req.Reply(false, nil)
		}
	}
}

func allowedEnv(payload []byte) bool {
	var kv struct{ Key, Value string }
	if err := gossh.Unmarshal(payload, &kv); err != nil {
		return false
	}
	if len(kv.Value) > maxEnvValueLen || strings.ContainsFunc(kv.Value, isControl) {
		return false
	}
	if strings.ContainsFunc(kv.Key, func(r rune) bool { return (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r != '_' }) {
		return false
	}
	switch {
	case kv.Key == "LANG", kv.Key == "COLORTERM", kv.Key == "NO_COLOR":
		return true
	case strings.HasPrefix(kv.Key, "LC_"):
		return true
	}
	return false
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }
