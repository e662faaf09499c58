package server

import (
	"net"
	"sync"
	"time"
)

// connLimiter is a token bucket per remote IP address for new connections.
// It is checked before the SSH handshake, so a flood from one address costs
// no cryptography.
type connLimiter struct {
	perSecond float64
	burst     float64

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

// maxBuckets bounds the limiter's memory; beyond it, addresses whose buckets
// have refilled are forgotten, and failing that the one seen longest ago.
const maxBuckets = 10000

func newConnLimiter(perMinute, burst int) *connLimiter {
	return &connLimiter{
		perSecond: float64(perMinute) / 60,
		burst:     float64(burst),
		buckets:   map[string]*bucket{},
	}
}

// allow takes a token for addr's IP and reports whether one was there.
func (l *connLimiter) allow(addr net.Addr, now time.Time) bool {
	key := addrKey(addr)
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.forgetFull(now)
		}
		if len(l.buckets) >= maxBuckets {
			l.forgetStalest()
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.perSecond)
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (l *connLimiter) forgetFull(now time.Time) {
	for key, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.perSecond >= l.burst {
			delete(l.buckets, key)
		}
	}
}

// forgetStalest drops the bucket of the address seen longest ago, so that a
// flood from many addresses cannot grow the map past maxBuckets.
func (l *connLimiter) forgetStalest() {
	var stalest string
	var last time.Time
	for key, b := range l.buckets {
		if stalest == "" || b.last.Before(last) {
			stalest, last = key, b.last
		}
	}
	delete(l.buckets, stalest)
}

// limitKey is the unit one client controls: its IPv4 address, or the /64
// of an IPv6 address, which a single host can fill with addresses.
func limitKey(ip net.IP) string {
	if ip.To4() == nil && len(ip) == net.IPv6len {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return ip.String()
}
