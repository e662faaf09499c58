package ui

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"kiosk/model"
	"kiosk/model/modeltest"
	"kiosk/render"
)

const seedName = modeltest.SeedName

// seedLibrary is the embedded seed library, as kiosk reads it with no paths.
func seedLibrary(t testing.TB) *model.Library {
	t.Helper()
	return &model.Library{Name: "kiosk seeds", Articles: []*model.Article{modeltest.Seed(t)}}
}

// madeLibrary is a library of articles the test writes itself.
func madeLibrary(t testing.TB, files map[string]string) *model.Library {
	t.Helper()
	lib := &model.Library{Name: "test library"}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		a, err := model.Parse(name, []byte(files[name]))
		if err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		lib.Articles = append(lib.Articles, a)
	}
	return lib
}

// startReader runs a reader in teatest at a fixed size with no colours, the
// dark theme (no background query) and a private cache.
func startReader(t *testing.T, lib *model.Library, w, h int) *teatest.TestModel {
	t.Helper()
	return startModel(t, New(lib, Options{Theme: render.ThemeDark}), w, h)
}

// startModel runs m in teatest at w×h with no colours.
func startModel(t *testing.T, m *Model, w, h int) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, m,
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
}

// eventually waits until cond holds, failing the test after five seconds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still not %s after 5s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// handClock is a tick the test fires by hand: every timer it makes waits
// until fire is closed.
type handClock struct{ fire chan struct{} }

func newHandClock(t *testing.T) handClock {
	c := handClock{fire: make(chan struct{})}
	t.Cleanup(func() {
		select {
		case <-c.fire:
		default:
			close(c.fire)
		}
	})
	return c
}

func (c handClock) tick(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		<-c.fire
		return fn(time.Now())
	}
}

// openSeed starts a reader on the seeds at w×h and opens the seed article.
func openSeed(t *testing.T, w, h int) *teatest.TestModel {
	t.Helper()
	tm := startReader(t, seedLibrary(t), w, h)
	waitFor(t, tm, "1/1")
	tm.Send(press("enter"))
	waitFor(t, tm, "min read")
	return tm
}

// waitFor waits until the terminal output so far contains text.
func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(text))
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

func press(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	r := []rune(s)
	return tea.KeyPressMsg{Code: r[0], Text: s}
}

// finalScreen quits the reader and returns its last view as plain text.
func finalScreen(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	tm.Send(press("ctrl+c"))
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	return ansi.Strip(m.View().Content)
}

// finalAsciiScreen is the last view as an Ascii-profile terminal gets it:
// colours gone, bold, underline and reverse kept.
func finalAsciiScreen(t *testing.T, tm *teatest.TestModel) string {
	t.Helper()
	tm.Send(press("ctrl+c"))
	m := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*Model)
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.Ascii}
	if _, err := w.WriteString(m.View().Content); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// drive feeds messages to a reader directly, finishing any rendering at
// once, for tests of state rather than of screens.
func drive(m *Model, msgs ...tea.Msg) {
	for _, msg := range msgs {
		m.Update(msg)
		settle(m)
	}
}

// settle completes the rendering the pane is waiting for, as the command
// returned by Update would; a large article's chunks are left to the test
// (nextChunk).
func settle(m *Model) {
	p := &m.pager
	if p.article == nil || p.chunking != nil || p.current() {
		return
	}
	m.Update(p.renderJob().run())
}

func screenLines(m *Model) []string {
	return strings.Split(ansi.Strip(m.View().Content), "\n")
}
