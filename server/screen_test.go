package server

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// screen is a small terminal emulator for tests: enough of xterm to follow
// what Bubble Tea's renderer draws, so that tests assert on the screen a
// reader would see rather than on the byte stream. It answers a background
// colour query the way a terminal with a dark background does.
type screen struct {
	w, h     int
	cells    [][]rune // 0 marks the right half of a wide character
	x, y     int
	top, bot int // scroll region, inclusive
	wrapNext bool
	autowrap bool
	insert   bool
	last     rune
	saveX    int
	saveY    int
	pending  []byte
	reply    func(string)
	// background is the answer to a query for the background colour.
	background string
	altExited  bool
}

func newScreen(w, h int, background string, reply func(string)) *screen {
	s := &screen{w: w, h: h, autowrap: true, background: background, reply: reply}
	s.cells = s.blank(h)
	s.bot = h - 1
	return s
}

func (s *screen) blank(rows int) [][]rune {
	out := make([][]rune, rows)
	for i := range out {
		out[i] = []rune(strings.Repeat(" ", s.w))
	}
	return out
}

// text is the screen's content, trailing spaces trimmed from each row.
func (s *screen) text() string {
	rows := make([]string, s.h)
	for i, row := range s.cells {
		rows[i] = strings.TrimRight(strings.ReplaceAll(string(row), "\x00", ""), " ")
	}
	return strings.Join(rows, "\n")
}

func (s *screen) write(p []byte) {
	buf := append(s.pending, p...)
	s.pending = nil
	for len(buf) > 0 {
		n := s.step(buf)
		if n == 0 { // incomplete sequence: wait for more
			s.pending = append([]byte(nil), buf...)
			return
		}
		buf = buf[n:]
	}
}

// step consumes one character, control or sequence and returns its length,
// or 0 when buf holds only the start of one.
func (s *screen) step(buf []byte) int {
	switch b := buf[0]; {
	case b == 0x1b:
		return s.escape(buf)
	case b == '\r':
		s.x, s.wrapNext = 0, false
	case b == '\n', b == 0x0b, b == 0x0c:
		s.index()
	case b == '\b':
		s.x, s.wrapNext = max(s.x-1, 0), false
	case b == '\t':
		s.x = min((s.x/8+1)*8, s.w-1)
	case b < 0x20 || b == 0x7f:
	default:
		if !utf8.FullRune(buf) {
			return 0
		}
		r, n := utf8.DecodeRune(buf)
		s.print(r)
		return n
	}
	return 1
}

func (s *screen) print(r rune) {
	width := ansi.StringWidth(string(r))
	if width == 0 {
		return
	}
	if s.wrapNext && s.autowrap {
		s.x, s.wrapNext = 0, false
		s.index()
	}
	if s.insert {
		s.insertChars(width)
	}
	s.cells[s.y][s.x] = r
	if width == 2 && s.x+1 < s.w {
		s.cells[s.y][s.x+1] = 0
	}
	s.last = r
	if s.x+width >= s.w {
		s.x, s.wrapNext = s.w-1, true
		return
	}
	s.x += width
}

func (s *screen) index() {
	if s.y == s.bot {
		s.scrollUp(1)
	} else if s.y < s.h-1 {
		s.y++
	}
}

func (s *screen) reverseIndex() {
	if s.y == s.top {
		s.scrollDown(1)
	} else if s.y > 0 {
		s.y--
	}
}

func (s *screen) scrollUp(n int) { s.deleteLines(s.top, n) }

func (s *screen) scrollDown(n int) { s.insertLines(s.top, n) }

func (s *screen) deleteLines(at, n int) {
	for range min(n, s.bot-at+1) {
		copy(s.cells[at:s.bot+1], s.cells[at+1:s.bot+1])
		s.cells[s.bot] = s.blank(1)[0]
	}
}

func (s *screen) insertLines(at, n int) {
	for range min(n, s.bot-at+1) {
		copy(s.cells[at+1:s.bot+1], s.cells[at:s.bot])
		s.cells[at] = s.blank(1)[0]
	}
}

func (s *screen) insertChars(n int) {
	row := s.cells[s.y]
	n = min(n, s.w-s.x)
	copy(row[s.x+n:], row[s.x:])
	for i := s.x; i < s.x+n; i++ {
		row[i] = ' '
	}
}

func (s *screen) erase(y, from, to int) {
	for x := max(from, 0); x < min(to, s.w); x++ {
		s.cells[y][x] = ' '
	}
}

// escape handles a sequence starting with ESC.
func (s *screen) escape(buf []byte) int {
	if len(buf) < 2 {
		return 0
	}
	switch buf[1] {
	case '[':
		return s.csi(buf)
	case ']', 'P', '_', '^', 'X':
		return s.stringSequence(buf)
	case '(', ')', '*', '+', '#', ' ':
		if len(buf) < 3 {
			return 0
		}
		return 3
	case 'M':
		s.reverseIndex()
	case 'D':
		s.index()
	case 'E':
		s.x = 0
		s.index()
	case '7':
		s.saveX, s.saveY = s.x, s.y
	case '8':
		s.x, s.y = s.saveX, s.saveY
	}
	s.wrapNext = false
	return 2
}

// stringSequence skips OSC, DCS and friends, answering OSC 11 queries.
func (s *screen) stringSequence(buf []byte) int {
	for i := 2; i < len(buf); i++ {
		end := 0
		switch {
		case buf[i] == 0x07:
			end = i + 1
		case buf[i] == 0x1b && i+1 < len(buf) && buf[i+1] == '\\':
			end = i + 2
		case buf[i] == 0x1b && i+1 == len(buf):
			return 0
		}
		if end > 0 {
			if string(buf[1:i]) == "]11;?" && s.reply != nil {
				s.reply(s.background)
			}
			return end
		}
	}
	return 0
}

func (s *screen) csi(buf []byte) int {
	i := 2
	for i < len(buf) && buf[i] >= 0x20 && buf[i] <= 0x3f {
		i++
	}
	if i >= len(buf) {
		return 0
	}
	body, final := string(buf[2:i]), buf[i]
	private := strings.HasPrefix(body, "?") || strings.HasPrefix(body, ">") || strings.HasPrefix(body, "<") || strings.HasPrefix(body, "=")
	if strings.ContainsAny(body, " $\"'!") { // an intermediate byte: not drawing
		return i + 1
	}
	params := parseParams(strings.TrimLeft(body, "?><="))
	p := func(n, def int) int {
		if n < len(params) && params[n] > 0 {
			return params[n]
		}
		return def
	}
	if final != 'b' {
		s.wrapNext = false
	}
	switch {
	case private && (final == 'h' || final == 'l'):
		for _, mode := range params {
			switch mode {
			case 1049, 1047, 47:
				s.cells = s.blank(s.h)
				if final == 'l' {
					s.altExited = true
				}
			case 7:
				s.autowrap = final == 'h'
			}
		}
	case private:
	case final == 'A':
		s.y = max(s.y-p(0, 1), 0)
	case final == 'B':
		s.y = min(s.y+p(0, 1), s.h-1)
	case final == 'C':
		s.x = min(s.x+p(0, 1), s.w-1)
	case final == 'D':
		s.x = max(s.x-p(0, 1), 0)
	case final == 'E':
		s.x, s.y = 0, min(s.y+p(0, 1), s.h-1)
	case final == 'F':
		s.x, s.y = 0, max(s.y-p(0, 1), 0)
	case final == 'G', final == '`':
		s.x = min(p(0, 1)-1, s.w-1)
	case final == 'd':
		s.y = min(p(0, 1)-1, s.h-1)
	case final == 'H', final == 'f':
		s.y, s.x = min(p(0, 1)-1, s.h-1), min(p(1, 1)-1, s.w-1)
	case final == 'I':
		s.x = min((s.x/8+p(0, 1))*8, s.w-1)
	case final == 'Z':
		s.x = max((s.x-1)/8*8-(p(0, 1)-1)*8, 0)
	case final == 'J':
		s.eraseDisplay(p(0, 0))
	case final == 'K':
		switch p(0, 0) {
		case 0:
			s.erase(s.y, s.x, s.w)
		case 1:
			s.erase(s.y, 0, s.x+1)
		case 2:
			s.erase(s.y, 0, s.w)
		}
	case final == 'X':
		s.erase(s.y, s.x, s.x+p(0, 1))
	case final == 'b':
		for range p(0, 1) {
			s.print(s.last)
		}
	case final == '@':
		s.insertChars(p(0, 1))
	case final == 'P':
		row, n := s.cells[s.y], min(p(0, 1), s.w-s.x)
		copy(row[s.x:], row[s.x+n:])
		s.erase(s.y, s.w-n, s.w)
	case final == 'L':
		if s.y >= s.top && s.y <= s.bot {
			s.insertLines(s.y, p(0, 1))
		}
	case final == 'M':
		if s.y >= s.top && s.y <= s.bot {
			s.deleteLines(s.y, p(0, 1))
		}
	case final == 'S':
		s.scrollUp(p(0, 1))
	case final == 'T':
		s.scrollDown(p(0, 1))
	case final == 'r':
		s.top, s.bot = p(0, 1)-1, min(p(1, s.h), s.h)-1
		s.x, s.y = 0, 0
	case final == 'h' || final == 'l':
		if p(0, 0) == 4 {
			s.insert = final == 'h'
		}
	case final == 's':
		s.saveX, s.saveY = s.x, s.y
	case final == 'u':
		s.x, s.y = s.saveX, s.saveY
	}
	return i + 1
}

func (s *screen) eraseDisplay(mode int) {
	switch mode {
	case 0:
		s.erase(s.y, s.x, s.w)
		for y := s.y + 1; y < s.h; y++ {
			s.erase(y, 0, s.w)
		}
	case 1:
		for y := 0; y < s.y; y++ {
			s.erase(y, 0, s.w)
		}
		s.erase(s.y, 0, s.x+1)
	default:
		s.cells = s.blank(s.h)
	}
}

func parseParams(body string) []int {
	if body == "" {
		return nil
	}
	var out []int
	for _, f := range strings.Split(body, ";") {
		f, _, _ = strings.Cut(f, ":")
		n, _ := strconv.Atoi(f)
		out = append(out, n)
	}
	return out
}
