package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const (
	// maxRequestsPerPhase bounds one warm-up or measurement, and with it the memory the
	// latencies take (8 bytes each), whatever -d says.
	maxRequestsPerPhase = 2_000_000
	// requestTimeout bounds one request: a stuck server ends a worker's request, not the run.
	requestTimeout = 10 * time.Second
)

// loadSpec is one load run: concurrency workers each sending requests back to back
// (closed loop) for duration, after warmup whose results are thrown away.
type loadSpec struct {
	concurrency int
	warmup      time.Duration
	duration    time.Duration
	// newRequest builds the n-th request of the phase (n counts across all workers).
	newRequest func(ctx context.Context, n uint64) (*http.Request, error)
	// wantStatus is the only status counted as a success.
	wantStatus int
}

// loadResult is what one measured phase gave.
type loadResult struct {
	ok        int
	errors    int
	elapsed   time.Duration
	latencies []time.Duration // of successes, sorted
	capped    bool            // stopped at maxRequestsPerPhase before the duration ran out
	// errorKinds counts failures by kind ("status 500", "transport: …"), for the report.
	errorKinds map[string]int
}

func (r loadResult) rate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.ok) / r.elapsed.Seconds()
}

// percentile returns the nearest-rank q-quantile (0 < q <= 1) of the successes' latencies.
func (r loadResult) percentile(q float64) time.Duration {
	n := len(r.latencies)
	if n == 0 {
		return 0
	}
	i := int(math.Ceil(float64(n)*q)) - 1
	return r.latencies[min(max(i, 0), n-1)]
}

// errorSummary lists the failure kinds, most frequent first.
func (r loadResult) errorSummary() string {
	kinds := make([]string, 0, len(r.errorKinds))
	for k := range r.errorKinds {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool { return r.errorKinds[kinds[i]] > r.errorKinds[kinds[j]] })
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = fmt.Sprintf("%s: %d", k, r.errorKinds[k])
	}
	return strings.Join(parts, "; ")
}

// runLoad warms the target up, then measures it. Every request goes to the loopback
// interface: this tool must never load anything else.
func runLoad(ctx context.Context, spec loadSpec) (loadResult, error) {
	client := newLoadClient(spec.concurrency)
	defer client.CloseIdleConnections()
	if spec.warmup > 0 {
		if _, err := loadPhase(ctx, client, spec, spec.warmup); err != nil {
			return loadResult{}, err
		}
	}
	return loadPhase(ctx, client, spec, spec.duration)
}

// newLoadClient keeps one connection per worker alive across requests, as browsers and
// reverse proxies do; without enough idle slots, connections would churn through TIME_WAIT
// and the figures would measure TCP setup.
func newLoadClient(concurrency int) *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:               nil, // loopback only, never through a proxy from the environment
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			MaxIdleConns:        concurrency,
			MaxIdleConnsPerHost: concurrency,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true, // same bytes on the wire for the portal and the ceiling
		},
		Timeout: requestTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse // a redirect is an answer, not something to follow
		},
	}
}

// loadPhase runs the workers for d and merges what they saw.
func loadPhase(ctx context.Context, client *http.Client, spec loadSpec, d time.Duration) (loadResult, error) {
	var next atomic.Uint64
	results := make([]workerResult, spec.concurrency)
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() { results[i] = worker(ctx, client, spec, deadline, &next) })
	}
	wg.Wait()
	res := loadResult{elapsed: time.Since(start), errorKinds: map[string]int{}}
	for _, wr := range results {
		if wr.err != nil {
			return res, wr.err
		}
		res.ok += len(wr.latencies)
		res.latencies = append(res.latencies, wr.latencies...)
		for k, n := range wr.errorKinds {
			res.errors += n
			res.errorKinds[k] += n
		}
	}
	res.capped = next.Load() >= maxRequestsPerPhase
	slices.Sort(res.latencies)
	return res, ctx.Err()
}

type workerResult struct {
	latencies  []time.Duration
	errorKinds map[string]int
	err        error // a bench bug (bad request, non-loopback target), not a server failure
}

// worker sends requests back to back until the deadline or the request cap.
func worker(ctx context.Context, client *http.Client, spec loadSpec, deadline time.Time, next *atomic.Uint64) workerResult {
	wr := workerResult{errorKinds: map[string]int{}}
	for ctx.Err() == nil && time.Now().Before(deadline) {
		n := next.Add(1) - 1
		if n >= maxRequestsPerPhase {
			break
		}
		req, err := spec.newRequest(ctx, n)
		if err == nil {
			err = requireLoopback(req.URL)
		}
		if err != nil {
			wr.err = err
			return wr
		}
		t0 := time.Now()
		status, err := do(client, req)
		lat := time.Since(t0)
		switch {
		case err != nil:
			if ctx.Err() != nil {
				return wr // interrupted: not the server's failure
			}
			wr.errorKinds[transportErrorKind(err)]++
		case status != spec.wantStatus:
			wr.errorKinds[fmt.Sprintf("status %d", status)]++
		default:
			wr.latencies = append(wr.latencies, lat)
		}
	}
	return wr
}

// do sends req and reads the whole body, so the connection goes back to the pool and the
// latency includes the transfer.
func do(client *http.Client, req *http.Request) (int, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return resp.StatusCode, err
	}
	return resp.StatusCode, nil
}

// transportErrorKind names a failed request's cause without its port numbers, so that
// failures of one kind add up to one line of the report.
func transportErrorKind(err error) string {
	var ne net.Error
	switch {
	case errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed by the server"
	}
	for u := errors.Unwrap(err); u != nil; u = errors.Unwrap(err) {
		err = u
	}
	return "transport: " + err.Error()
}

func requireLoopback(u *url.URL) error {
	host := u.Hostname()
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("refusing to load %s: only loopback addresses are benchmarked", u.Host)
}

// rotateGET returns a request builder that cycles through urls, so every worker sends the
// whole mix.
func rotateGET(urls []string) func(ctx context.Context, n uint64) (*http.Request, error) {
	return func(ctx context.Context, n uint64) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, urls[n%uint64(len(urls))], nil)
	}
}
