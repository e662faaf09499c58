// Command loadtest measures kiosk serve under many concurrent SSH readers.
//
// It starts the kiosk binary as its own process (so that its memory and CPU
// are the server's alone), with a state folder of its own in a temporary
// directory, opens N PTY sessions over loopback, each with a key of its own,
// and has each one wait for the article list, open the first article,
// scroll down 20 lines one key at a time and quit. It prints, for each N and
// for a single session as the baseline: time to first frame (connect to
// list on screen) p50/p95 and the part of it SSH took (p95 of connect to
// shell accepted), the server's peak RSS and RSS per session, CPU
// seconds per session, and the bytes the client received for the first
// frame, for opening the article (a full screen of text) and per one-line
// scroll.
//
// With -flood, that many more clients at 400×200 send keys and window
// changes as fast as -flood-rate says for the whole of an extra paced run,
// to show what they cost the others. With -before, a second binary (an
// older build) is measured in the same run, row for row.
//
//	go run ./server/loadtest -n 50,100,200
//	go run ./server/loadtest -n 20 -flood 2 -before /tmp/kiosk-old
package main

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

const (
	scrollLines = 20
	// listDrawn and articleDrawn are in the reader's key-help lines: when
	// they arrive, the list or the article pane has been drawn.
	listDrawn    = "q quit"
	articleDrawn = "← back"
	// settle is how long the output must stay quiet before a scroll counts
	// as drawn.
	settle    = 30 * time.Millisecond
	waitLimit = 60 * time.Second
	// scrollWait is how long a scroll may take to show.
	scrollWait = 5 * time.Second
)

func main() {
	counts := flag.String("n", "50,100,200", "comma-separated numbers of concurrent sessions")
	kiosk := flag.String("kiosk", "", "kiosk binary to serve (default: build it from this module)")
	before := flag.String("before", "", "an older kiosk binary to measure in the same run, row for row")
	pace := flag.Duration("pace", 20*time.Millisecond, "time between arrivals in the paced runs (each N also runs with all arriving at once)")
	size := flag.String("size", "80x24", "window size of every measured session, COLUMNSxROWS")
	flood := flag.Int("flood", 0, "clients at 400×200 that flood the server with keys and window changes during an extra paced run")
	floodRate := flag.Int("flood-rate", 500, "keys, and window changes, each flooding client sends a second")
	flag.Parse()
	var win window
	if _, err := fmt.Sscanf(*size, "%dx%d", &win.w, &win.h); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest: -size: want COLUMNSxROWS, as in 80x24")
		os.Exit(2)
	}
	if err := run(*counts, *kiosk, *before, *pace, win, flooding{*flood, *floodRate}); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// window is the size every measured session asks for (-size).
type window struct{ w, h int }

// flooding is how many clients flood the server, and how fast.
type flooding struct{ clients, rate int }

func run(counts, kiosk, before string, pace time.Duration, win window, flood flooding) error {
	dir, err := os.MkdirTemp("", "kiosk-load")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if kiosk == "" {
		kiosk = filepath.Join(dir, "kiosk")
		if out, err := exec.Command("go", "build", "-o", kiosk, "kiosk").CombinedOutput(); err != nil {
			return fmt.Errorf("build kiosk: %v\n%s", err, out)
		}
	}
	binaries := []binary{{"after", kiosk}}
	if before != "" {
		binaries = []binary{{"before", before}, {"after", kiosk}}
	}
	ns := []int{1}
	for f := range strings.SplitSeq(counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("-n: %q is not a session count", f)
		}
		ns = append(ns, n)
	}
	fmt.Printf("kiosk serve, %d×%d PTY sessions over loopback: list → open article → %d × scroll one line → quit\n", win.w, win.h, scrollLines)
	fmt.Printf("N=1 is the baseline; each run has a fresh server process and state folder; clients share the machine.\n")
	fmt.Printf("arrivals: \"burst\" all at once, \"paced\" one every %v", pace)
	if flood.clients > 0 {
		fmt.Printf(", \"flood\" paced while %d clients at 400×200 each send %d keys and %d window changes a second", flood.clients, flood.rate, flood.rate)
	}
	fmt.Printf(".\nSSH p95 is the part of the first frame before kiosk's reader starts: connect, handshake, key, PTY and shell accepted.\n")
	fmt.Printf("CPU/session excludes the idle window (not the %v before it); idle CPU is the server's share of one core while all N sit on an open article for %v, from %v after the last opened it.\n\n", idleSettle, idleWindow, idleSettle)
	fmt.Printf("%6s %6s %6s %10s %10s %10s %8s %10s %10s %12s %12s %9s %10s %8s %8s\n",
		"binary", "N", "arrive", "TTFF p50", "TTFF p95", "SSH p95", "vs N=1", "idle RSS", "peak RSS", "RSS/session", "CPU/session", "idle CPU", "1st frame", "open", "scroll")
	base := map[string]*result{}
	for _, n := range ns {
		for _, arrival := range []struct {
			name  string
			gap   time.Duration
			flood flooding
		}{{"burst", 0, flooding{}}, {"paced", pace, flooding{}}, {"flood", pace, flood}} {
			if (n == 1 && arrival.gap > 0) || (arrival.name == "flood" && flood.clients == 0) {
				continue
			}
			for _, bin := range binaries {
				r, err := measure(bin, dir, n, arrival.gap, win, arrival.flood)
				if err != nil {
					return fmt.Errorf("%s, N=%d: %w", bin.name, n, err)
				}
				if base[bin.name] == nil {
					base[bin.name] = r
				}
				fmt.Printf("%6s %6d %6s %10s %10s %10s %7.1f× %9.1fM %9.1fM %11.2fM %10.1fms %8.1f%% %9dB %7dB %7dB\n",
					bin.name, n, arrival.name, ms(r.ttff50), ms(r.ttff95), ms(r.ssh95), float64(r.ttff95)/float64(base[bin.name].ttff95),
					mb(r.idleRSS), mb(r.peakRSS), mb(r.peakRSS-r.idleRSS)/float64(n),
					(r.cpu-r.idleCPU).Seconds()*1000/float64(n), 100*r.idleCPU.Seconds()/idleWindow.Seconds(),
					r.firstFrame, r.open, r.scroll)
			}
		}
	}
	return nil
}

// binary is a kiosk build under test.
type binary struct{ name, path string }

type result struct {
	ttff50, ttff95   time.Duration
	ssh95            time.Duration
	idleRSS, peakRSS int64
	cpu, idleCPU     time.Duration
	firstFrame, open int
	scroll           int
}

// measure runs n sessions against a fresh server, starting one every gap,
// while flood.clients flood it.
func measure(bin binary, dir string, n int, gap time.Duration, win window, flood flooding) (*result, error) {
	srv, err := startServer(bin.path, dir, n+flood.clients)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	stopFlood, err := startFlood(srv.addr, flood)
	if err != nil {
		return nil, err
	}
	defer stopFlood()
	time.Sleep(300 * time.Millisecond) // let start-up settle before the baseline
	idle, err := srv.rss()
	if err != nil {
		return nil, err
	}
	cpu0, err := srv.cpu()
	if err != nil {
		return nil, err
	}

	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		ttffs    []time.Duration
		sshs     []time.Duration
		frames   []int
		opens    []int
		scrolls  []int
		firstErr error
	)
	// Every session holds its article open until all have opened theirs and
	// they have sat idle together for idleWindow, so the peak is n readers.
	opened := newPhase(n)
	peak := srv.watchPeak()
	idleCPU := make(chan time.Duration, 1)
	go func() { idleCPU <- opened.measureIdle(srv) }()
	for range n {
		time.Sleep(gap)
		wg.Go(func() {
			s, err := readOnce(srv.addr, win, opened.arrival())
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				if firstErr == nil {
					firstErr = err
				}
				return
			}
			ttffs = append(ttffs, s.ttff)
			sshs = append(sshs, s.ssh)
			frames = append(frames, s.firstFrame)
			opens = append(opens, s.openBytes)
			scrolls = append(scrolls, s.scrollBytes/scrollLines)
		})
	}
	wg.Wait()
	peakRSS := peak()
	if firstErr != nil {
		return nil, firstErr
	}
	cpu1, err := srv.cpu()
	if err != nil {
		return nil, err
	}
	slices.Sort(ttffs)
	slices.Sort(sshs)
	return &result{
		ttff50: percentile(ttffs, 50), ttff95: percentile(ttffs, 95),
		ssh95:   percentile(sshs, 95),
		idleRSS: idle, peakRSS: max(peakRSS, idle),
		cpu:        cpu1 - cpu0,
		idleCPU:    <-idleCPU,
		firstFrame: median(frames), open: median(opens), scroll: median(scrolls),
	}, nil
}

type sessionFigures struct {
	ttff        time.Duration
	ssh         time.Duration // until the shell was accepted
	firstFrame  int
	openBytes   int
	scrollBytes int
}

// readOnce is one reader: connect, wait for the list, open the first
// article, scroll, quit.
func readOnce(addr string, win window, arrive func()) (*sessionFigures, error) {
	defer arrive() // on every path, so that no one waits for a failed session
	start := time.Now()
	// A key of its own: the server keeps state per key, and counts
	// sessions per key.
	key, err := clientKey()
	if err != nil {
		return nil, err
	}
	client, sess, stdin, out, err := openReader(addr, key, win.w, win.h)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	defer sess.Close()
	shellAccepted := time.Since(start)

	if err := out.waitFor(listDrawn); err != nil {
		return nil, fmt.Errorf("first frame: %w", err)
	}
	fig := &sessionFigures{ttff: time.Since(start), ssh: shellAccepted}
	out.quiet(settle)
	fig.firstFrame = out.total()
	listed := fig.firstFrame
	if _, err := io.WriteString(stdin, "\r"); err != nil {
		return nil, err
	}
	if err := out.waitFor(articleDrawn); err != nil {
		return nil, fmt.Errorf("open article: %w", err)
	}
	out.quiet(settle)
	fig.openBytes = out.total() - listed
	arrive()

	before := out.total()
	for range scrollLines {
		n := out.total()
		if _, err := io.WriteString(stdin, "j"); err != nil {
			return nil, err
		}
		// In a window that holds the whole article there is nothing to
		// scroll and nothing comes back.
		if err := out.waitBeyond(n, scrollWait); err != nil && !errors.Is(err, errTimedOut) {
			return nil, fmt.Errorf("scroll: %w", err)
		}
		out.quiet(settle)
	}
	fig.scrollBytes = out.total() - before

	if _, err := io.WriteString(stdin, "qq"); err != nil {
		return nil, err
	}
	if err := out.waitEOF(); err != nil {
		return nil, fmt.Errorf("quit: %w", err)
	}
	return fig, nil
}

// openReader connects with key and starts a reader at w×h.
func openReader(addr string, key gossh.Signer, w, h int) (*gossh.Client, *gossh.Session, io.Writer, *output, error) {
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User: "load", Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: waitLimit,
	})
	if err != nil {
		return nil, nil, nil, nil, err
	}
	fail := func(err error) (*gossh.Client, *gossh.Session, io.Writer, *output, error) {
		client.Close()
		return nil, nil, nil, nil, err
	}
	sess, err := client.NewSession()
	if err != nil {
		return fail(err)
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		return fail(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return fail(err)
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		return fail(err)
	}
	if err := sess.Shell(); err != nil {
		return fail(err)
	}
	return client, sess, stdin, newOutput(stdout, stdin), nil
}

// startFlood connects flood.clients readers at 400×200 that, once their list
// is drawn, send flood.rate keys and window changes a second until the
// returned function is called.
func startFlood(addr string, flood flooding) (stop func(), err error) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	stop = func() { close(done); wg.Wait() }
	for range flood.clients {
		key, err := clientKey()
		if err != nil {
			stop()
			return nil, err
		}
		client, sess, stdin, out, err := openReader(addr, key, 400, 200)
		if err != nil {
			stop()
			return nil, err
		}
		if err := out.waitFor(listDrawn); err != nil {
			client.Close()
			stop()
			return nil, fmt.Errorf("flooding client: %w", err)
		}
		wg.Go(func() {
			defer client.Close()
			tick := time.NewTicker(time.Second / time.Duration(flood.rate))
			defer tick.Stop()
			// Never q: the flood must last; Enter and h open and leave the
			// article, the dearest keys to draw.
			keys := []string{"j", "j", "\r", "j", "k", "h"}
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				case <-tick.C:
				}
				if _, err := io.WriteString(stdin, keys[i%len(keys)]); err != nil {
					return
				}
				_ = sess.WindowChange(200-i%2, 400-i%3)
			}
		})
	}
	return stop, nil
}

// output collects what a session receives and answers the background
// colour query as a dark terminal does.
type output struct {
	mu      sync.Mutex
	cond    *sync.Cond
	buf     bytes.Buffer
	last    time.Time
	eof     bool
	reply   io.Writer
	replied bool
}

func newOutput(r io.Reader, reply io.Writer) *output {
	o := &output{reply: reply}
	o.cond = sync.NewCond(&o.mu)
	go o.read(r)
	go func() { // wake waiters so they can time out
		for !o.done() {
			time.Sleep(10 * time.Millisecond)
			o.cond.Broadcast()
		}
	}()
	return o
}

func (o *output) read(r io.Reader) {
	chunk := make([]byte, 32*1024)
	for {
		n, err := r.Read(chunk)
		o.mu.Lock()
		o.buf.Write(chunk[:n])
		o.last = time.Now()
		answer := !o.replied && bytes.Contains(o.buf.Bytes(), []byte("\x1b]11;?"))
		o.replied = o.replied || answer
		if err != nil {
			o.eof = true
		}
		o.mu.Unlock()
		o.cond.Broadcast()
		if answer {
			go io.WriteString(o.reply, "\x1b]11;rgb:1a1a/1a1a/1a1a\x1b\\")
		}
		if err != nil {
			return
		}
	}
}

func (o *output) done() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.eof
}

func (o *output) total() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Len()
}

// errTimedOut is a wait that ran out of time.
var errTimedOut = errors.New("timed out")

func (o *output) wait(cond func() bool, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	o.mu.Lock()
	defer o.mu.Unlock()
	for !cond() {
		if o.eof {
			return errors.New("session ended early")
		}
		if time.Now().After(deadline) {
			return errTimedOut
		}
		o.cond.Wait()
	}
	return nil
}

func (o *output) waitFor(s string) error {
	return o.wait(func() bool { return bytes.Contains(o.buf.Bytes(), []byte(s)) }, waitLimit)
}

func (o *output) waitBeyond(n int, limit time.Duration) error {
	return o.wait(func() bool { return o.buf.Len() > n }, limit)
}

func (o *output) waitEOF() error {
	deadline := time.Now().Add(waitLimit)
	for !o.done() {
		if time.Now().After(deadline) {
			return errors.New("timed out")
		}
		time.Sleep(5 * time.Millisecond)
	}
	return nil
}

// quiet returns once nothing has arrived for d.
func (o *output) quiet(d time.Duration) {
	for {
		o.mu.Lock()
		since := time.Since(o.last)
		o.mu.Unlock()
		if since >= d {
			return
		}
		time.Sleep(d - since)
	}
}

// idleWindow is how long all readers sit on an open article together while
// the server's idle CPU is measured; the window starts idleSettle after the
// last of them opened it, once the server has saved their reading state
// (store.SaveDelay after the change) and is only waiting. One second was
// not enough: the same build measured 6-11% from 1 s, 4.5% from 3 s.
const (
	idleWindow = 4 * time.Second
	idleSettle = 3 * time.Second
)

// phase holds every session on its open article until all are there and the
// idle window has passed.
type phase struct {
	all    sync.WaitGroup
	resume chan struct{}
}

func newPhase(n int) *phase {
	p := &phase{resume: make(chan struct{})}
	p.all.Add(n)
	return p
}

// arrival returns the function a session calls when its article is open;
// calls after the first do nothing.
func (p *phase) arrival() func() {
	var once sync.Once
	return func() {
		once.Do(func() {
			p.all.Done()
			<-p.resume
		})
	}
}

// measureIdle waits for every session, measures the server's CPU over the
// idle window and lets the sessions go on.
func (p *phase) measureIdle(srv *server) time.Duration {
	defer close(p.resume)
	p.all.Wait()
	time.Sleep(idleSettle)
	before, err := srv.cpu()
	if err != nil {
		return 0
	}
	time.Sleep(idleWindow)
	after, err := srv.cpu()
	if err != nil {
		return 0
	}
	return after - before
}

type server struct {
	cmd  *exec.Cmd
	addr string
	pid  int
}

func startServer(kiosk, dir string, n int) (*server, error) {
	state, err := os.MkdirTemp(dir, "state")
	if err != nil {
		return nil, err
	}
	args := []string{"serve", "--listen", "127.0.0.1:0",
		"--host-key", filepath.Join(dir, "host_key"), "--state-dir", state,
		"--max-sessions", strconv.Itoa(n + 10), "--rate-limit", "0"}
	if help, _ := exec.Command(kiosk, "serve", "--help").CombinedOutput(); bytes.Contains(help, []byte("--max-sessions-per-client")) {
		// All sessions come from one address.
		args = append(args, "--max-sessions-per-client", "0")
	}
	cmd := exec.Command(kiosk, args...)
	cmd.Env = append(os.Environ(), "XDG_STATE_HOME="+state, "XDG_DATA_HOME="+state)
	logs, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	addr := make(chan string, 1)
	go func() {
		listening := regexp.MustCompile(`serving addr=(\S+)`)
		scanner := bufio.NewScanner(logs)
		for scanner.Scan() {
			if m := listening.FindStringSubmatch(scanner.Text()); m != nil {
				addr <- m[1]
			}
		}
	}()
	select {
	case a := <-addr:
		return &server{cmd: cmd, addr: a, pid: cmd.Process.Pid}, nil
	case <-time.After(waitLimit):
		_ = cmd.Process.Kill()
		return nil, errors.New("kiosk serve did not start")
	}
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
	}
}

// rss is the server's resident memory now, in bytes.
func (s *server) rss() (int64, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmRSS in /proc status")
}

// watchPeak samples RSS until the returned function is called, which
// returns the highest value seen.
func (s *server) watchPeak() func() int64 {
	stop := make(chan struct{})
	peak := make(chan int64)
	go func() {
		var high int64
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			if r, err := s.rss(); err == nil {
				high = max(high, r)
			}
			select {
			case <-stop:
				peak <- high
				return
			case <-tick.C:
			}
		}
	}()
	return func() int64 { close(stop); return <-peak }
}

// cpu is the server's user plus system CPU time so far.
func (s *server) cpu() (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.pid))
	if err != nil {
		return 0, err
	}
	// Fields after the command name, which is in parentheses.
	fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+2:]))
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	const ticksPerSecond = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticksPerSecond, nil
}

func clientKey() (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return gossh.NewSignerFromKey(priv)
}

func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	return sorted[min(len(sorted)-1, (len(sorted)*p+99)/100-1)]
}

func median(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	return xs[len(xs)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000) }

func mb(b int64) float64 { return float64(b) / (1 << 20) }
