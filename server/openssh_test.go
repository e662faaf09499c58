package server

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"kiosk/model"
	"kiosk/seeds"
)

// TestOpenSSHClientInTmux runs the built kiosk binary and reads through the
// real OpenSSH client in a tmux pane, then stops the server with SIGTERM:
// the pane must leave the alternate screen and mouse mode, and the server
// must exit within five seconds.
func TestOpenSSHClientInTmux(t *testing.T) {
	for _, tool := range []string{"tmux", "ssh"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	lib, err := model.LoadFS(seeds.FS, "kiosk seeds")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "kiosk")
	build := exec.Command("go", "build", "-o", bin, "kiosk")
	build.Dir = ".."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build kiosk: %v\n%s", err, out)
	}

	server := exec.Command(bin, "serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "host_key"))
	server.Env = append(os.Environ(), "XDG_DATA_HOME="+dir)
	logs, err := server.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	addr := make(chan string, 1)
	go func() {
		listening := regexp.MustCompile(`serving addr=127\.0\.0\.1:(\d+)`)
		scanner := bufio.NewScanner(logs)
		for scanner.Scan() {
			t.Log(scanner.Text())
			if m := listening.FindStringSubmatch(scanner.Text()); m != nil {
				addr <- m[1]
			}
		}
		exited <- server.Wait()
	}()
	t.Cleanup(func() { _ = server.Process.Kill() })
	var port string
	select {
	case port = <-addr:
	case <-time.After(waitLimit):
		t.Fatal("kiosk serve did not say where it listens")
	}

	tm := &tmux{t: t, socket: fmt.Sprintf("kiosk-serve-test-%d", os.Getpid())}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	sshCmd := "ssh -tt -F /dev/null -p " + port + " -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR 127.0.0.1"
	tm.run("-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", sshCmd, ";", "set-option", "-g", "remain-on-exit", "on")

	tm.waitFor("the article list", func(pane string) bool { return strings.Contains(pane, listed(lib)) })
	if got := tm.display("#{alternate_on}"); got != "1" {
		t.Errorf("the reader should use the alternate screen; alternate_on=%s", got)
	}
	tm.run("send-keys", "Enter")
	tm.waitFor("the article", func(pane string) bool { return strings.Contains(pane, leadWords(t, lib)) })

	start := time.Now()
	if err := server.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		if err != nil {
			t.Errorf("kiosk serve exited with %v after SIGTERM", err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("kiosk serve took %v to exit", took)
		}
	case <-time.After(6 * time.Second):
		t.Fatal("kiosk serve still running 6 s after SIGTERM")
	}
	tm.waitFor("ssh to exit", func(string) bool { return tm.display("#{pane_dead}") == "1" })
	if got := tm.display("#{alternate_on} #{mouse_any_flag}"); got != "0 0" {
		t.Errorf("the client's terminal was left in the alternate screen or mouse mode: alternate_on, mouse_any_flag = %s", got)
	}
	// With history: tmux's "Pane is dead" line can scroll the message up.
	if pane := tm.run("capture-pane", "-p", "-S", "-"); !strings.Contains(pane, "shutting down") {
		t.Errorf("the reader was not told the server is shutting down:\n%s", pane)
	}
}

type tmux struct {
	t      *testing.T
	socket string
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (tm *tmux) capture() string { return tm.run("capture-pane", "-p") }

func (tm *tmux) display(format string) string {
	return strings.TrimSpace(tm.run("display-message", "-p", format))
}

func (tm *tmux) waitFor(what string, cond func(pane string) bool) {
	tm.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for {
		pane := tm.capture()
		if cond(pane) {
			return
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("timed out waiting for %s; pane:\n%s", what, pane)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
