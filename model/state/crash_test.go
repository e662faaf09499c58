package state

import (
	"bufio"
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// The crash test runs this test binary again as writer processes (see
// TestHelperWriter) and kills them with SIGKILL at random moments.
const (
	helperPathEnv   = "KIOSK_STATE_HELPER_PATH"
	helperWriterEnv = "KIOSK_STATE_HELPER_WRITER"
)

func TestSIGKILLNeverLosesOrBreaksState(t *testing.T) {
	path := statePath(t)
	writers := []string{"w0", "w1"}
	acked := map[string]int64{}
	const rounds = 25 // two writers each: 50 kills
	for round := range rounds {
		// Both writers run at once, so kills also land while the other
		// holds the lock or is half-way through a write.
		children := make([]*writerProcess, len(writers))
		for i, w := range writers {
			children[i] = startWriter(t, path, w)
		}
		for _, c := range children {
			c.waitFirstSave(t)
		}
		for _, c := range children {
			time.Sleep(time.Duration(rand.IntN(8000)) * time.Microsecond)
			c.kill()
		}

		s, warnings := Open(path)
		if len(warnings) > 0 {
			t.Fatalf("round %d: after SIGKILL the state file gave warnings %v", round, warnings)
		}
		for _, c := range children {
			saved := int64(s.Get(c.name).Position.Block)
			if saved < c.acked.Load() {
				t.Fatalf("round %d: %s's save %d was acknowledged but the file holds %d", round, c.name, c.acked.Load(), saved)
			}
			if saved < acked[c.name] {
				t.Fatalf("round %d: %s went back from %d to %d: the other writer erased it", round, c.name, acked[c.name], saved)
			}
			acked[c.name] = saved
		}
		s.Close()
	}
	if broken, _ := filepath.Glob(path + ".corrupt-*"); len(broken) > 0 {
		t.Errorf("a state file was found corrupt: %v", broken)
	}
	if _, err := readFile(path); err != nil {
		t.Errorf("final state file: %v", err)
	}
	if temps, _ := filepath.Glob(path + tmpSuffix + "*"); len(temps) > 0 {
		t.Errorf("temporary files left after a clean open: %v", temps)
	}
}

type writerProcess struct {
	name   string
	cmd    *exec.Cmd
	stderr bytes.Buffer
	acked  atomic.Int64 // latest counter the writer reported saved
	first  chan struct{}
	done   chan struct{}
}

func startWriter(t *testing.T, path, name string) *writerProcess {
	t.Helper()
	w := &writerProcess{name: name, first: make(chan struct{}), done: make(chan struct{})}
	w.cmd = exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	w.cmd.Env = append(os.Environ(), helperPathEnv+"="+path, helperWriterEnv+"="+name)
	w.cmd.Stderr = &w.stderr
	out, err := w.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(w.done)
		lines := bufio.NewScanner(out)
		for lines.Scan() {
			if n, err := strconv.ParseInt(lines.Text(), 10, 64); err == nil {
				if w.acked.Swap(n) == 0 {
					close(w.first)
				}
			}
		}
	}()
	t.Cleanup(w.kill)
	return w
}

func (w *writerProcess) waitFirstSave(t *testing.T) {
	t.Helper()
	select {
	case <-w.first:
	case <-w.done:
		w.cmd.Wait()
		t.Fatalf("writer %s exited before saving: %s", w.name, w.stderr.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("writer %s saved nothing in 20s: %s", w.name, w.stderr.String())
	}
}

func (w *writerProcess) kill() {
	if w.cmd.ProcessState != nil {
		return
	}
	w.cmd.Process.Kill()
	<-w.done
	w.cmd.Wait()
}

// TestHelperWriter is not a test: it is the writer process of
// TestSIGKILLNeverLosesOrBreaksState. It counts up from the value saved
// under its name, saving each step and printing it once saved, until killed.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(helperPathEnv)
	if path == "" {
		t.Skip("runs only as a child of TestSIGKILLNeverLosesOrBreaksState")
	}
	name := os.Getenv(helperWriterEnv)
	s, warnings := Open(path)
	if len(warnings) > 0 {
		fmt.Fprintln(os.Stderr, warnings)
		os.Exit(2)
	}
	for n := s.Get(name).Position.Block + 1; ; n++ {
		s.SetPosition(name, Position{Block: n})
		s.MarkRead(fmt.Sprint(name, "-", n%100), n%3 != 0)
		if err := s.Flush(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Println(n)
		// A pause between saves, as between a reader's changes, lets
		// the other writer take the lock.
		time.Sleep(time.Millisecond)
	}
}
