package server

import (
	"fmt"
	"net"
	"testing"
	"time"
)

func TestRateLimitCountsAnIPv6NetworkAsOneClient(t *testing.T) {
	l := newConnLimiter(60, 2)
	now := time.Now()
	allowed := 0
	for i := range 5 {
		addr := &net.TCPAddr{IP: net.ParseIP(fmt.Sprintf("2001:db8::%x", i+1)), Port: 22}
		if l.allow(addr, now) {
			allowed++
		}
	}
	if allowed != 2 {
		t.Errorf("5 addresses of one /64 got %d connections in a burst of 2", allowed)
	}
}

func TestRateLimitMemoryStaysBoundedUnderAFlood(t *testing.T) {
	l := newConnLimiter(1, 1)
	now := time.Now()
	for i := range maxBuckets + 500 {
		addr := &net.TCPAddr{IP: net.IPv4(10, byte(i>>16), byte(i>>8), byte(i)), Port: 22}
		l.allow(addr, now)
		l.allow(addr, now) // empty the bucket, so that it cannot be forgotten as full
	}
	if n := len(l.buckets); n > maxBuckets {
		t.Errorf("%d buckets after a flood, want at most %d", n, maxBuckets)
	}
}
