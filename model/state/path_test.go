package state

import "testing"

func TestDefaultPath(t *testing.T) {
	cases := []struct{ xdg, home, want string }{
		{"/x/state", "/home/r", "/x/state/kiosk/state.json"},
		{"", "/home/r", "/home/r/.local/state/kiosk/state.json"},
		{"relative/ignored", "/home/r", "/home/r/.local/state/kiosk/state.json"},
	}
	for _, c := range cases {
		t.Setenv("XDG_STATE_HOME", c.xdg)
		t.Setenv("HOME", c.home)
		got, err := DefaultPath()
		if err != nil || got != c.want {
			t.Errorf("XDG_STATE_HOME=%q HOME=%q: DefaultPath() = %q, %v; want %q", c.xdg, c.home, got, err, c.want)
		}
	}
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("HOME", "")
	if _, err := DefaultPath(); err == nil {
		t.Error("no error with neither XDG_STATE_HOME nor HOME set")
	}
}
