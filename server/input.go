package server

import (
	"context"
	"io"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	uv "github.com/charmbracelet/ultraviolet"
)

// How much input one reader may queue and how fast it is handled. Every key,
// click or resize makes the reader lay out and draw its screen again, so a
// client that sends faster than it could type must not take the CPU other
// readers need. Key repeat (about 30 a second) and a trackpad's scrolling
// fit within the rate; a flood's excess is dropped rather than queued, so
// a reader answers again as soon as its client stops.
const (
	inputRate  = 60 // events a second, after a burst of inputBurst
	inputBurst = 30
	// resizeRate is how many window sizes a second a reader lays out; a
	// window dragged to a new size sends many more.
	resizeRate      = 10
	maxQueuedEvents = 32
	// maxQueuedChunks bounds the bytes read from the client and not yet
	// decoded (reads of up to inputChunk bytes each).
	maxQueuedChunks = 16
	inputChunk      = 4096
)

// readerInput carries a client's keystrokes, window changes and the
// terminal's answers to its reader. Bubble Tea's own input loop parses
// events on a goroutine that blocks for good when the program has ended with
// events still in hand; this loop is the server's, so it ends with the
// session. The program has no input of its own (so it builds no key table
// of its own either), and the server asks the terminal's questions for it
// (queries.go).
type readerInput struct {
	program   *tea.Program
	lastInput *atomic.Int64
	maxW      int
	maxH      int
	width     int // the last size asked for, clamped
	height    int

	chunks    chan []byte   // read from the client, not yet decoded
	stopped   chan struct{} // closed by stop: the decoder reads EOF
	events    chan uv.Event // decoded, to be forwarded
	cancel    context.CancelFunc
	done      chan struct{} // closed when the forwarder has finished
	dropped   atomic.Int64  // events and chunks dropped under a flood
	delivered atomic.Int64  // events handed to the program
	resizes   atomic.Int64  // window sizes handed to the program
}

// newReaderInput prepares the input of one reader at its first window size.
func newReaderInput(lastInput *atomic.Int64, w, h, maxW, maxH int) *readerInput {
	in := &readerInput{
		lastInput: lastInput,
		maxW:      maxW, maxH: maxH,
		width: w, height: h,
		chunks:  make(chan []byte, maxQueuedChunks),
		stopped: make(chan struct{}),
		events:  make(chan uv.Event),
		done:    make(chan struct{}),
	}
	return in
}

// start reads sess and forwards what it sends to program until stop. A
// client that closes its input, or its connection, ends the reader.
func (in *readerInput) start(sess ssh.Session, term string, program *tea.Program) {
	in.program = program
	ctx, cancel := context.WithCancel(sess.Context())
	in.cancel = cancel
	_, winch, _ := sess.Pty()

	go in.pump(sess)
	go func() {
		decoder := uv.NewTerminalReader(&queueReader{in: in}, term)
		_ = decoder.StreamEvents(ctx, in.events)
		close(in.events)
	}()
	go in.forward(ctx, winch)
}

// stop ends the input loop once the program has returned.
func (in *readerInput) stop() {
	in.cancel()
	close(in.stopped)
	<-in.done
}

// pump reads the client's bytes as they come, so that nothing backs up in
// the SSH channel, and queues them for the decoder; a full queue drops them.
func (in *readerInput) pump(sess ssh.Session) {
	buf := make([]byte, inputChunk)
	for {
		n, err := sess.Read(buf)
		if n > 0 {
			in.lastInput.Store(time.Now().UnixNano())
			select {
			case in.chunks <- append([]byte(nil), buf[:n]...):
			default:
				in.dropped.Add(1)
			}
		}
		if err != nil {
			// The client closed its input or hung up: nobody is reading.
			select {
			case <-in.stopped:
			default:
				go in.program.Quit()
			}
			return
		}
	}
}

// queueReader is the decoder's view of the queued chunks; only the
// decoder's goroutine reads it.
type queueReader struct {
	in   *readerInput
	rest []byte
}

func (q *queueReader) Read(p []byte) (int, error) {
	if len(q.rest) == 0 {
		select {
		case q.rest = <-q.in.chunks:
		case <-q.in.stopped:
			return 0, io.EOF
		}
	}
	n := copy(p, q.rest)
	q.rest = q.rest[n:]
	return n, nil
}

// forward hands decoded events to the program at no more than inputRate a
// second, and the latest window size at no more than resizeRate. Events
// beyond maxQueuedEvents are dropped; window changes are coalesced, as only
// the last size matters.
func (in *readerInput) forward(ctx context.Context, winch <-chan ssh.Window) {
	defer close(in.done)
	keys := newTokenBucket(inputRate, inputBurst, time.Now())
	sizes := newTokenBucket(resizeRate, 1, time.Now())
	var (
		queued []uv.Event
		resize *tea.WindowSizeMsg
		timer  = time.NewTimer(time.Hour)
	)
	defer timer.Stop()
	for {
		now := time.Now()
		var wait time.Duration // until the next delivery; 0: nothing to deliver
		if resize != nil {
			if wait = sizes.wait(now); wait <= 0 {
				sizes.take()
				in.program.Send(*resize)
				in.resizes.Add(1)
				resize = nil
				continue
			}
		}
		if len(queued) > 0 {
			w := keys.wait(now)
			if w <= 0 {
				keys.take()
				in.program.Send(queued[0])
				in.delivered.Add(1)
				queued = queued[1:]
				continue
			}
			if wait == 0 || w < wait {
				wait = w
			}
		}
		var ready <-chan time.Time
		if wait > 0 {
			timer.Reset(wait)
			ready = timer.C
		}
		select {
		case ev, ok := <-in.events:
			if !ok {
				return
			}
			if len(queued) < maxQueuedEvents {
				queued = append(queued, ev)
			} else {
				in.dropped.Add(1)
			}
		case w, ok := <-winch:
			if !ok {
				winch = nil
				continue
			}
			width, height := clampSize(w.Width, w.Height, in.maxW, in.maxH)
			if width != in.width || height != in.height {
				in.width, in.height = width, height
				resize = &tea.WindowSizeMsg{Width: width, Height: height}
			}
		case <-ready:
		case <-ctx.Done():
			// The connection is gone, or the program has returned: quit
			// it (a no-op once it has) and drain the decoder until it ends.
			in.program.Quit()
			for range in.events {
			}
			return
		}
	}
}

// tokenBucket paces events: rate a second after a burst.
type tokenBucket struct {
	rate, burst, tokens float64
	last                time.Time
}

func newTokenBucket(rate, burst int, now time.Time) *tokenBucket {
	return &tokenBucket{rate: float64(rate), burst: float64(burst), tokens: float64(burst), last: now}
}

// wait is how long until a token is there (0 or less: now).
func (b *tokenBucket) wait(now time.Time) time.Duration {
	b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
}

func (b *tokenBucket) take() { b.tokens-- }
