package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeRejectsFlagsNoServerCanUse: each bad value is a usage error
// that names the flag, before anything listens. Should a check go, the
// server starts on a random loopback port with keys and state in the
// test's folder, and the test fails when the run ends.
func TestServeRejectsFlagsNoServerCanUse(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"listen without a port", []string{"--listen", "127.0.0.1"}, "--listen"},
		{"no sessions", []string{"--max-sessions", "0"}, "--max-sessions"},
		{"negative idle timeout", []string{"--idle-timeout", "-1s"}, "negative"},
		{"negative session time", []string{"--max-session-time", "-1m"}, "negative"},
		{"negative rate limit", []string{"--rate-limit", "-1"}, "--rate-limit"},
		{"fetching every second", []string{"--fetch-every", "1s"}, "--fetch-every"},
		{"state dir and no state", []string{"--no-state"}, "contradict"},
		// Only the feeds in the database are fetched.
		{"fetching with paths", []string{"--fetch-every", "2h", "."}, "--fetch-every"},
		{"private addresses with paths", []string{"--fetch-private-addresses", "."}, "--fetch-private-addresses"},
		{"fetching with no state", []string{"--no-state", "--fetch-every", "2h"}, "--fetch-every"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			args := append([]string{"serve", "--listen", "127.0.0.1:0",
				"--host-key", filepath.Join(dir, "host_key"), "--state-dir", filepath.Join(dir, "sessions")}, tt.args...)
			ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
			defer cancel()
			var stdout, stderr bytes.Buffer
			status := Run(ctx, args, strings.NewReader(""), &stdout, &stderr, nil)
			if status != exitUsage || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("kiosk %s: exit %d, want %d with an error naming %q:\n%s", strings.Join(tt.args, " "), status, exitUsage, tt.stderr, stderr.String())
			}
		})
	}
}

// A server of the built-in articles (nothing subscribed) fetches nothing:
// a fetch flag given to it is said in the log to have no effect.
func TestServeSaysAFetchFlagHasNoEffectWithoutFeeds(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	var stdout, stderr bytes.Buffer
	Run(ctx, []string{"serve", "--listen", "127.0.0.1:0", "--host-key", filepath.Join(dir, "host_key"),
		"--state-dir", filepath.Join(dir, "sessions"), "--db", filepath.Join(dir, "kiosk.db"), "--fetch-every", "2h"}, strings.NewReader(""), &stdout, &stderr, nil)
	if !strings.Contains(stderr.String(), "--fetch-every has no effect") {
		t.Errorf("the log does not say that --fetch-every has no effect:\n%s", stderr.String())
	}
}
