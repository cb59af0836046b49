// Package ratelimit keeps one token bucket per key (an IP address, an account) in memory.
// Each replica limits on its own, so the effective limit behind a load balancer is the
// per-replica limit times the number of replicas; that is enough to stop guessing and
// enumeration, which need many thousands of tries.
package ratelimit

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limiter limits events per key.
type Limiter struct {
	every time.Duration
	burst int
	off   bool

	mu      sync.Mutex
	buckets map[string]*bucket
	sweep   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// New allows burst events at once per key, refilled at one event per every.
// A disabled limiter (off) allows everything; load tests use it.
func New(every time.Duration, burst int, off bool) *Limiter {
	return &Limiter{every: every, burst: burst, off: off, buckets: make(map[string]*bucket)}
}

// Allow reports whether one more event for key is allowed now.
func (l *Limiter) Allow(key string) bool {
	if l == nil || l.off {
		return true
	}
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	// Forget idle keys now and then so the map does not grow without bound; a key idle for
	// long enough to refill its bucket loses nothing by being forgotten.
	if now.Sub(l.sweep) > time.Minute {
		idle := l.every * time.Duration(l.burst+1)
		for k, b := range l.buckets {
			if now.Sub(b.seen) > idle {
				delete(l.buckets, k)
			}
		}
		l.sweep = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(rate.Every(l.every), l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}
