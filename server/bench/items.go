package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// itemsQueries is the query mix of GET /api/v1/items, as the catalog page sends it: the
// full list, a keyword search, a department filter, and a search narrowed to one site.
var itemsQueries = []url.Values{
	{},
	{"q": {"营业执照"}},
	{"department": {"scjgj"}},
	{"q": {"社保"}, "site": {"county"}},
}

// itemsURLs is the query mix against one server.
func itemsURLs(baseURL string) []string {
	urls := make([]string, len(itemsQueries))
	for i, q := range itemsQueries {
		urls[i] = baseURL + "/api/v1/items"
		if len(q) > 0 {
			urls[i] += "?" + q.Encode()
		}
	}
	return urls
}

// itemsRow is one line of the items table.
type itemsRow struct {
	label string
	res   loadResult
	err   error
	log   string // the server's warnings and errors during the load, if any
}

// itemsSection loads GET /api/v1/items on each engine, next to a bare net/http handler
// serving a body of the same size: the ceiling of this machine and load generator.
func itemsSection(ctx context.Context, o options, w io.Writer) error {
	fmt.Fprintf(w, "%d workers, keep-alive, %s measured after %s warm-up, %d queries rotated:\n",
		o.concurrency, o.duration, o.warmup, len(itemsQueries))
	for _, u := range itemsURLs("") {
		fmt.Fprintf(w, "  %s\n", readable(u))
	}
	spec := loadSpec{concurrency: o.concurrency, warmup: o.warmup, duration: o.duration, wantStatus: http.StatusOK}

	var ceiling *itemsRow
	var rows []itemsRow
	var firstErr error
	for _, e := range engines(o) {
		label := "portal, " + e.name
		if e.skipped {
			rows = append(rows, itemsRow{label: label, err: errPostgresSkipped})
			continue
		}
		err := withPortal(ctx, o, e, func(p *portalProcess, desc string) error {
			label = "portal, " + desc
			bodies, err := probeItems(ctx, p.baseURL)
			if err != nil {
				return err
			}
			// The ceiling needs a body like the real one, so it is measured once the first
			// server has answered; it does not depend on the engine.
			if ceiling == nil {
				body := ceilingBody(bodies)
				fmt.Fprintf(w, "response bodies on %s: %s; the ceiling answers %s\n", desc, bodySizes(bodies), kb(int64(len(body))))
				res, err := loadBareHandler(ctx, spec, body)
				ceiling = &itemsRow{label: ceilingLabel, res: res, err: err}
				if err != nil {
					return fmt.Errorf("ceiling: %w", err)
				}
			}
			row, err := loadPortal(ctx, spec, p)
			if err != nil {
				return err
			}
			row.label = label
			rows = append(rows, row)
			return nil
		})
		if err != nil {
			rows = append(rows, itemsRow{label: label, err: err})
			firstErr = cmp.Or(firstErr, fmt.Errorf("%s: %w", e.name, err))
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if ceiling == nil {
		ceiling = &itemsRow{label: ceilingLabel, err: errors.New("not measured: no portal answered")}
	}
	if err := printItemsTable(w, *ceiling, rows); err != nil {
		return err
	}
	return firstErr
}

const ceilingLabel = "ceiling: bare net/http"

// loadPortal loads the query mix on a running portal and notes what it logged meanwhile:
// at level warn, any line is worth reading next to the figures.
func loadPortal(ctx context.Context, spec loadSpec, p *portalProcess) (itemsRow, error) {
	mark := p.log.mark()
	spec.newRequest = rotateGET(itemsURLs(p.baseURL))
	res, err := runLoad(ctx, spec)
	if err != nil {
		return itemsRow{}, err
	}
	row := itemsRow{res: res}
	if n := p.log.mark() - mark; n > 0 {
		row.log = fmt.Sprintf("%d lines, the last ones:\n%s", n, lastLines(p.log.String(), 5))
	}
	return row, nil
}

// probeItems sends each query of the mix once and checks it answers 200 with at least one
// item: a mix that finds nothing would measure an empty result, not the catalog.
func probeItems(ctx context.Context, baseURL string) ([][]byte, error) {
	client := newLoadClient(1)
	defer client.CloseIdleConnections()
	var bodies [][]byte
	for _, u := range itemsURLs(baseURL) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("GET %s: status %d: %.200s", readable(u), resp.StatusCode, body)
		}
		var list struct {
			Total int `json:"total"`
		}
		if err := json.Unmarshal(body, &list); err != nil || list.Total == 0 {
			return nil, fmt.Errorf("GET %s: no items found (%v): is the demo catalog seeded?", readable(u), err)
		}
		bodies = append(bodies, body)
	}
	return bodies, nil
}

// ceilingBody is a catalog page of about the mix's mean size, cut from the largest real
// response: the bare handler then writes as many bytes per request as the portal does on
// average, in JSON of the same shape.
func ceilingBody(bodies [][]byte) []byte {
	total, largest := 0, bodies[0]
	for _, b := range bodies {
		total += len(b)
		if len(b) > len(largest) {
			largest = b
		}
	}
	mean := total / len(bodies)
	var list struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(largest, &list); err != nil {
		return largest // probeItems has parsed it already; this does not happen
	}
	best := largest
	for k := range list.Items {
		page, err := json.Marshal(struct {
			Items []json.RawMessage `json:"items"`
			Total int               `json:"total"`
		}{list.Items[:k], k})
		if err == nil && abs(len(page)-mean) < abs(len(best)-mean) {
			best = page
		}
	}
	return best
}

func abs(n int) int { return max(n, -n) }

// bodySizes lists the sizes of the mix's responses, in the mix's order.
func bodySizes(bodies [][]byte) string {
	parts := make([]string, len(bodies))
	for i, b := range bodies {
		parts[i] = kb(int64(len(b)))
	}
	return strings.Join(parts, ", ")
}

// loadBareHandler serves body from a plain net/http server in this process and loads it
// as the portal is loaded. Same machine, same client, same connections: what is left
// between this and the portal is the portal's own work.
func loadBareHandler(ctx context.Context, spec loadSpec, body []byte) (loadResult, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return loadResult{}, err
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// The portal's headers for the same answer.
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.Write(body)
		}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go srv.Serve(ln)
	defer srv.Close()
	spec.newRequest = rotateGET(itemsURLs("http://" + ln.Addr().String()))
	return runLoad(ctx, spec)
}

// printItemsTable prints the ceiling first, then each engine with its figures as a share
// or a multiple of the ceiling's, then whatever went wrong.
func printItemsTable(w io.Writer, ceiling itemsRow, rows []itemsRow) error {
	c := ceiling.res
	var t table
	t.add("target", "req/s", "of ceiling", "p50 ms", "x ceiling", "p99 ms", "x ceiling", "ok", "errors")
	add := func(r itemsRow, isCeiling bool) {
		if r.err != nil {
			t.add(r.label, "-", "-", "-", "-", "-", "-", "-", "-")
			return
		}
		p50, p99 := r.res.percentile(0.50), r.res.percentile(0.99)
		row := []string{r.label, perSecond(r.res.rate()), "", ms(p50), "", ms(p99), "", fmt.Sprint(r.res.ok), fmt.Sprint(r.res.errors)}
		if !isCeiling {
			row[2] = percent(r.res.rate(), c.rate())
			row[4] = ratio(float64(p50), float64(c.percentile(0.50)))
			row[6] = ratio(float64(p99), float64(c.percentile(0.99)))
		}
		t.add(row...)
	}
	add(ceiling, true)
	for _, r := range rows {
		add(r, false)
	}
	if err := t.print(w); err != nil {
		return err
	}
	for _, r := range append([]itemsRow{ceiling}, rows...) {
		switch {
		case r.err != nil:
			fmt.Fprintf(w, "%s: %v\n", r.label, r.err)
		case r.res.errors > 0:
			fmt.Fprintf(w, "%s: errors: %s\n", r.label, r.res.errorSummary())
		}
		if r.res.capped {
			fmt.Fprintf(w, "%s: stopped at %d requests before the duration ran out\n", r.label, maxRequestsPerPhase)
		}
		if r.log != "" {
			fmt.Fprintf(w, "%s: the server logged %s\n", r.label, r.log)
		}
	}
	return nil
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}

// readable shows a URL with its query unescaped, as people write it.
func readable(u string) string {
	if s, err := url.QueryUnescape(u); err == nil {
		return s
	}
	return u
}
