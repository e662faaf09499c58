package state

import (
	"strings"
	"testing"
	"time"
)

// A kiosk stopped with Ctrl-Z in the middle of a save holds the lock; the
// other kiosk must neither freeze nor lose its changes.
func TestHeldLockDoesNotFreezeTheReader(t *testing.T) {
	path := statePath(t)
	cfg := defaultConfig()
	cfg.delay, cfg.lockWait = time.Hour, 50*time.Millisecond
	running, warnings := openStore(path, cfg)
	if len(warnings) > 0 {
		t.Fatal(warnings)
	}
	defer running.Close()

	stopped, err := lockFile(path+".lock", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	late, warnings := openStore(path, cfg)
	if len(warnings) != 1 || warnings[0].Kind != NotSaved || !strings.Contains(warnings[0].Error(), "another process") {
		t.Errorf("opening while the lock is held: warnings %v, want one NotSaved naming another process", warnings)
	}
	late.Close()

	running.MarkRead("a", true)
	if err := running.Flush(); err == nil {
		t.Error("Flush succeeded while another process held the lock")
	}
	stopped.Close()
	if err := running.Flush(); err != nil {
		t.Fatalf("flush once the lock is free: %v", err)
	}
	if !reopen(t, path).Get("a").Read {
		t.Error("the change made while the lock was held was lost")
	}
}
