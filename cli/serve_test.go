package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// parseServeFlags parses args as `kiosk serve` does and returns the flags.
func parseServeFlags(t *testing.T, args ...string) (*serveFlags, error) {
	t.Helper()
	var f serveFlags
	cmd := &cobra.Command{Use: "serve"}
	f.register(cmd.Flags())
	if err := cmd.ParseFlags(args); err != nil {
		t.Fatal(err)
	}
	return &f, f.check(cmd, nil)
}

func TestServeFlagsZeroMeansNoLimit(t *testing.T) {
	f, err := parseServeFlags(t, "--idle-timeout", "0", "--rate-limit", "0", "--max-sessions-per-client", "0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.config(nil)
	// The server reads 0 as "its default": "no limit" must reach it as a
	// negative value.
	if cfg.IdleTimeout >= 0 {
		t.Errorf("--idle-timeout 0 gave the server IdleTimeout %v; readers would be ended after the default", cfg.IdleTimeout)
	}
	if cfg.RateLimit >= 0 {
		t.Errorf("--rate-limit 0 gave the server RateLimit %d; connections would be limited by the default", cfg.RateLimit)
	}
	if cfg.MaxSessionsPerClient >= 0 {
		t.Errorf("--max-sessions-per-client 0 gave the server %d; clients would be limited by the default", cfg.MaxSessionsPerClient)
	}
}

func TestServeFlagsReachTheServer(t *testing.T) {
	f, err := parseServeFlags(t, "--idle-timeout", "90s", "--rate-limit", "5", "--max-sessions", "7",
		"--max-sessions-per-client", "3", "--max-window", "200x60", "--max-session-time", "1h", "--no-state")
	if err != nil {
		t.Fatal(err)
	}
	cfg := f.config(nil)
	if cfg.IdleTimeout != 90*time.Second || cfg.RateLimit != 5 || cfg.MaxSessions != 7 || cfg.MaxSessionsPerClient != 3 ||
		cfg.MaxWidth != 200 || cfg.MaxHeight != 60 || cfg.MaxSessionTime != time.Hour || cfg.LegacyStateDir != "" {
		t.Errorf("flags did not reach the server as given: %+v", cfg)
	}
	def, err := parseServeFlags(t)
	if err != nil {
		t.Fatal(err)
	}
	cfg = def.config(nil)
	if cfg.IdleTimeout != 10*time.Minute || cfg.RateLimit != 30 || cfg.MaxSessionsPerClient != 10 || cfg.MaxWidth != 200 || cfg.MaxHeight != 50 {
		t.Errorf("defaults: %+v", cfg)
	}
}

func TestServeFlagsRefuseNonsense(t *testing.T) {
	for _, args := range [][]string{
		{"--idle-timeout", "-1s"},
		{"--rate-limit", "-1"},
		{"--max-sessions", "0"},
		{"--max-sessions-per-client", "-2"},
		{"--max-window", "wide"},
		{"--max-window", "10x2"},
		{"--listen", "2222"},
	} {
		if _, err := parseServeFlags(t, args...); err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(args[0], "--")[:5]) {
			t.Errorf("%v: got %v, want an error naming the flag", args, err)
		}
	}
}
