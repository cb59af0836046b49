package main

// Public progress query: GET /api/v1/public/cases/{case_no}?phone_last4=…, the look-up
// anyone may make without signing in. The cases are real: each made through the API the
// way people make them (an applicant registers, applies, uploads the required materials and
// submits; the window passes the pre-review and accepts the case). The load rotates over
// them with the right digits (200), then with wrong digits and with unknown case numbers:
// both must answer the same 404, and should cost the same, or the time taken would tell an
// enumerator which numbers exist.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"portal/app/api"
)

const (
	// publicCases is how many cases the load rotates over, each with its own applicant.
	publicCases = 50
	// publicSetupWorkers make the cases in parallel: setup is not measured.
	publicSetupWorkers = 8
	// publicItem is the demo item the cases are of: 公司设立登记 at the market regulation
	// window of the county centre, where the demo staff and chief sit.
	publicItem = "SCJGJ-001"
)

// publicCase is one case made for the load, with the three queries about it.
type publicCase struct {
	caseNo string
	right  string // URL path and query with the applicant's last four digits
	wrong  string // the same case, wrong digits
	absent string // a well-formed case number nobody has, with the right digits
}

// publicKind is one row of the table: which query, and the status it must answer.
type publicKind struct {
	name   string
	status int
	url    func(c publicCase) string
}

var publicKinds = []publicKind{
	{"right digits", http.StatusOK, func(c publicCase) string { return c.right }},
	{"wrong digits", http.StatusNotFound, func(c publicCase) string { return c.wrong }},
	{"unknown number", http.StatusNotFound, func(c publicCase) string { return c.absent }},
}

func publicQuerySection(ctx context.Context, o options, w io.Writer) error {
	fmt.Fprintf(w, "%d workers, keep-alive, %s measured after %s warm-up, %d cases of %s rotated (each its own applicant;\n"+
		"made through the API: register, apply, upload the required materials, submit, pass, accept):\n",
		o.concurrency, o.duration, o.warmup, publicCases, publicItem)
	fmt.Fprintf(w, "  right digits    /api/v1/public/cases/<case_no>?phone_last4=<the applicant's>  → 200\n")
	fmt.Fprintf(w, "  wrong digits    /api/v1/public/cases/<case_no>?phone_last4=<other digits>     → 404 case_not_found\n")
	fmt.Fprintf(w, "  unknown number  /api/v1/public/cases/<no such case_no>?phone_last4=<digits>   → 404 case_not_found\n")
	fmt.Fprintf(w, "The two 404 kinds run in halves, wrong/unknown/unknown/wrong, so drift in the machine's load weighs on both alike.\n")
	spec := loadSpec{concurrency: o.concurrency, warmup: o.warmup, duration: o.duration}

	var ceiling *itemsRow
	var rows []itemsRow
	var p50s []string
	var firstErr error
	for _, e := range engines(o) {
		label := "portal, " + e.name
		if e.skipped {
			rows = append(rows, itemsRow{label: label, err: errPostgresSkipped})
			continue
		}
		err := withPortal(ctx, o, e, func(p *portalProcess, desc string) error {
			label = "portal, " + desc
			t0 := time.Now()
			cases, err := makePublicCases(ctx, p.baseURL, publicCases)
			if err != nil {
				return fmt.Errorf("making the cases: %w", err)
			}
			made := time.Since(t0)
			probe, err := probePublic(ctx, p.baseURL, cases)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "%s: %d cases made in %s; response bodies: 200 %s, 404 wrong digits %d B, 404 unknown number %d B; the two 404 bodies are %s\n",
				desc, len(cases), made.Round(100*time.Millisecond), probe.okSizes(), len(probe.wrong), len(probe.absent), sameOrNot(probe.wrong, probe.absent))
			// The ceiling needs a body like the real one, so it is measured once the first
			// server has answered; it does not depend on the engine.
			if ceiling == nil {
				fmt.Fprintf(w, "the ceiling answers %d B (a 200 body of the mean size) with the portal's headers\n", len(probe.ceilingBody))
				res, err := loadBarePublic(ctx, spec, probe, cases)
				ceiling = &itemsRow{label: ceilingLabel, res: res, err: err}
				if err != nil {
					return fmt.Errorf("ceiling: %w", err)
				}
			}
			got, err := loadPublicKinds(ctx, spec, p, cases)
			if err != nil {
				return err
			}
			for i, k := range publicKinds {
				got[i].label = label + ": " + k.name
				rows = append(rows, got[i])
			}
			wrong, absent := got[1].res.percentile(0.50), got[2].res.percentile(0.50)
			p50s = append(p50s, fmt.Sprintf("%s p50 ms: right digits %s, wrong digits %s, unknown number %s (wrong digits / unknown number: %s)",
				desc, ms(got[0].res.percentile(0.50)), ms(wrong), ms(absent), ratio(float64(wrong), float64(absent))))
			return nil
		})
		if err != nil {
			rows = append(rows, itemsRow{label: label, err: err})
			firstErr = cmpOr(firstErr, fmt.Errorf("%s: %w", e.name, err))
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
	for _, s := range p50s {
		fmt.Fprintln(w, s)
	}
	return firstErr
}

func sameOrNot(a, b []byte) string {
	if bytes.Equal(a, b) {
		return "identical"
	}
	return fmt.Sprintf("DIFFERENT (%.100s vs %.100s)", a, b)
}

// loadPublicKinds loads each kind of query, rotated over the cases, and notes what the
// server logged meanwhile. The two 404 kinds are the comparison that matters, so they run
// in halves in the order wrong, unknown, unknown, wrong: a drift of the machine's other
// load over the run then weighs on both alike instead of on whichever ran second.
func loadPublicKinds(ctx context.Context, spec loadSpec, p *portalProcess, cases []publicCase) ([3]itemsRow, error) {
	var rows [3]itemsRow
	half := spec
	half.duration = spec.duration / 2
	for _, step := range []struct {
		kind int
		spec loadSpec
	}{{0, spec}, {1, half}, {2, half}, {2, half}, {1, half}} {
		k := publicKinds[step.kind]
		sp := step.spec
		sp.wantStatus = k.status
		sp.newRequest = rotateGET(publicURLs(p.baseURL, cases, k))
		if rows[step.kind].res.elapsed > 0 {
			sp.warmup = 0 // warmed by its first half
		}
		mark := p.log.mark()
		res, err := runLoad(ctx, sp)
		if err != nil {
			return rows, err
		}
		r := &rows[step.kind]
		r.res = mergeResults(r.res, res)
		if n := p.log.mark() - mark; n > 0 {
			r.log = fmt.Sprintf("%d lines, the last ones:\n%s", n, lastLines(p.log.String(), 5))
		}
	}
	return rows, nil
}

// mergeResults adds two measured phases of the same target.
func mergeResults(a, b loadResult) loadResult {
	out := loadResult{ok: a.ok + b.ok, errors: a.errors + b.errors, elapsed: a.elapsed + b.elapsed,
		capped: a.capped || b.capped, errorKinds: map[string]int{}}
	out.latencies = append(append(out.latencies, a.latencies...), b.latencies...)
	slices.Sort(out.latencies)
	for _, m := range []map[string]int{a.errorKinds, b.errorKinds} {
		for k, n := range m {
			out.errorKinds[k] += n
		}
	}
	return out
}

func publicURLs(baseURL string, cases []publicCase, k publicKind) []string {
	urls := make([]string, len(cases))
	for i, c := range cases {
		urls[i] = baseURL + k.url(c)
	}
	return urls
}

// publicProbe is what one query of each kind per case answered.
type publicProbe struct {
	meanOK, minOK, maxOK int
	ceilingBody          []byte
	header               http.Header // of a 200 answer
	wrong, absent        []byte      // 404 bodies of the first case
}

func (pr publicProbe) okSizes() string {
	if pr.minOK == pr.maxOK {
		return fmt.Sprintf("%d B each", pr.minOK)
	}
	return fmt.Sprintf("%d–%d B (mean %d)", pr.minOK, pr.maxOK, pr.meanOK)
}

// probePublic sends each query once and checks the answers: the 200 is the case asked
// for, accepted, with its steps; the two 404s are case_not_found.
func probePublic(ctx context.Context, baseURL string, cases []publicCase) (publicProbe, error) {
	client := newLoadClient(1)
	defer client.CloseIdleConnections()
	get := func(path string, want int) ([]byte, http.Header, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+path, nil)
		if err != nil {
			return nil, nil, benchBug{err}
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, nil, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, nil, err
		}
		if resp.StatusCode != want {
			return nil, nil, fmt.Errorf("GET %s: status %d, want %d: %.200s", path, resp.StatusCode, want, body)
		}
		return body, resp.Header, nil
	}
	var pr publicProbe
	var oks [][]byte
	total := 0
	for i, c := range cases {
		body, h, err := get(c.right, http.StatusOK)
		if err != nil {
			return pr, err
		}
		var pc api.PublicCase
		if err := json.Unmarshal(body, &pc); err != nil {
			return pr, fmt.Errorf("GET %s: %w", c.right, err)
		}
		if pc.CaseNo != c.caseNo || pc.Status != "accepted" || len(pc.Steps) == 0 || pc.DueDate == "" {
			return pr, fmt.Errorf("GET %s: not the accepted case asked for: %.300s", c.right, body)
		}
		if i == 0 {
			pr.header = h
		}
		oks = append(oks, body)
		total += len(body)
		for _, q := range []struct {
			path string
			keep *[]byte
		}{{c.wrong, &pr.wrong}, {c.absent, &pr.absent}} {
			body, _, err := get(q.path, http.StatusNotFound)
			if err != nil {
				return pr, err
			}
			var eb api.ErrorBody
			if err := json.Unmarshal(body, &eb); err != nil || eb.Error.Code != "case_not_found" {
				return pr, fmt.Errorf("GET %s: want error case_not_found, got %.200s", q.path, body)
			}
			if i == 0 {
				*q.keep = body
			}
		}
	}
	pr.meanOK = total / len(oks)
	pr.minOK, pr.maxOK = len(oks[0]), len(oks[0])
	pr.ceilingBody = oks[0]
	for _, b := range oks {
		pr.minOK, pr.maxOK = min(pr.minOK, len(b)), max(pr.maxOK, len(b))
		if abs(len(b)-pr.meanOK) < abs(len(pr.ceilingBody)-pr.meanOK) {
			pr.ceilingBody = b
		}
	}
	return pr, nil
}

// loadBarePublic serves the probe's 200 body from a plain net/http server in this process,
// with the portal's headers, and loads it with the right-digits URLs.
func loadBarePublic(ctx context.Context, spec loadSpec, pr publicProbe, cases []publicCase) (loadResult, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return loadResult{}, err
	}
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for _, k := range []string{"Content-Type", "Cache-Control", "X-Content-Type-Options", "Vary"} {
				if v := pr.header.Values(k); len(v) > 0 {
					w.Header()[k] = v
				}
			}
			w.Write(pr.ceilingBody)
		}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go srv.Serve(ln)
	defer srv.Close()
	spec.wantStatus = http.StatusOK
	spec.newRequest = rotateGET(publicURLs("http://"+ln.Addr().String(), cases, publicKinds[0]))
	return runLoad(ctx, spec)
}

// makePublicCases makes n accepted cases through the API, publicSetupWorkers at a time:
// applicant i registers with the mobile number 1370000<i as 4 digits>, applies for
// publicItem, uploads a small PDF for each required material and submits; the demo staff
// passes the pre-review and the demo chief accepts the case.
func makePublicCases(ctx context.Context, baseURL string, n int) ([]publicCase, error) {
	client := newLoadClient(publicSetupWorkers * 2)
	defer client.CloseIdleConnections()
	staff, err := loginToken(ctx, client, baseURL, "staff", "Demo2026pass")
	if err != nil {
		return nil, err
	}
	chief, err := loginToken(ctx, client, baseURL, "chief", "Demo2026pass")
	if err != nil {
		return nil, err
	}
	cases := make([]publicCase, n)
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var mu sync.Mutex
	var firstErr error
	next := make(chan int)
	var wg sync.WaitGroup
	for range publicSetupWorkers {
		wg.Go(func() {
			for i := range next {
				c, err := makePublicCase(sctx, client, baseURL, i, staff, chief)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("case %d: %w", i, err)
					cancel() // the first failure stops the others: its message is the one to read
				}
				cases[i] = c
				mu.Unlock()
			}
		})
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-sctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Unknown numbers: the same business date as a real case, six other digits. Known
	// numbers are kept apart from every case's, not only its own.
	known := map[string]bool{}
	for _, c := range cases {
		known[c.caseNo] = true
	}
	for i := range cases {
		c := &cases[i]
		no := c.caseNo
		for k := 1; known[no]; k++ {
			var tail int
			fmt.Sscanf(c.caseNo[8:], "%d", &tail)
			no = fmt.Sprintf("%s%06d", c.caseNo[:8], (tail+k*7919)%1_000_000)
		}
		known[no] = true
		c.absent = "/api/v1/public/cases/" + no + "?phone_last4=" + last4(i)
	}
	return cases, nil
}

// last4 is applicant i's digits; wrongLast4 someone else's.
func last4(i int) string      { return fmt.Sprintf("%04d", i%10000) }
func wrongLast4(i int) string { return fmt.Sprintf("%04d", (i+5000)%10000) }

func loginToken(ctx context.Context, client *http.Client, baseURL, login, password string) (string, error) {
	var lr api.LoginResponse
	if _, err := callJSON(ctx, client, "POST", baseURL+"/api/v1/auth/login", "", api.LoginRequest{Login: login, Password: password}, &lr, http.StatusOK); err != nil {
		return "", fmt.Errorf("login %s: %w", login, err)
	}
	return lr.AccessToken, nil
}

func makePublicCase(ctx context.Context, client *http.Client, baseURL string, i int, staff, chief string) (publicCase, error) {
	phone := "1370000" + last4(i)
	const password = "Bench2026pass"
	if _, err := callJSON(ctx, client, "POST", baseURL+"/api/v1/auth/register", "",
		api.RegisterRequest{Phone: phone, Password: password, Name: fmt.Sprintf("查询%d", i)}, nil, http.StatusCreated); err != nil {
		return publicCase{}, fmt.Errorf("register: %w", err)
	}
	tok, err := loginToken(ctx, client, baseURL, phone, password)
	if err != nil {
		return publicCase{}, err
	}
	var app api.Application
	if _, err := callJSON(ctx, client, "POST", baseURL+"/api/v1/applications", tok, api.CreateApplicationRequest{ItemCode: publicItem}, &app, http.StatusCreated); err != nil {
		return publicCase{}, fmt.Errorf("apply: %w", err)
	}
	appURL := baseURL + "/api/v1/applications/" + app.ID
	for _, m := range app.Materials {
		if !m.Required {
			continue
		}
		if !slices.Contains(m.Formats, "pdf") {
			return publicCase{}, fmt.Errorf("%s: material %s takes no PDF", publicItem, m.MaterialID)
		}
		if err := uploadSmallPDF(ctx, client, baseURL, appURL+"/materials/"+m.MaterialID+"/uploads", tok, i, m.MaterialID); err != nil {
			return publicCase{}, fmt.Errorf("upload %s: %w", m.MaterialID, err)
		}
	}
	if _, err := callJSON(ctx, client, "POST", appURL+"/submit", tok, nil, &app, http.StatusOK); err != nil {
		return publicCase{}, fmt.Errorf("submit: %w", err)
	}
	var dec api.Decision
	if _, err := callJSON(ctx, client, "POST", baseURL+"/api/v1/review/applications/"+app.ID+"/decision", staff,
		api.DecisionRequest{Decision: "pass", Version: app.Version}, &dec, http.StatusOK); err != nil {
		return publicCase{}, fmt.Errorf("pass: %w", err)
	}
	var acc api.Application
	if _, err := callJSON(ctx, client, "POST", baseURL+"/api/v1/cases/"+app.ID+"/accept", chief,
		api.AcceptRequest{Version: dec.Application.Version}, &acc, http.StatusOK); err != nil {
		return publicCase{}, fmt.Errorf("accept: %w", err)
	}
	if acc.Status != "accepted" {
		return publicCase{}, fmt.Errorf("accept: status %q", acc.Status)
	}
	path := "/api/v1/public/cases/" + app.CaseNo + "?phone_last4="
	return publicCase{caseNo: app.CaseNo, right: path + last4(i), wrong: path + wrongLast4(i)}, nil
}

// uploadSmallPDF is the browser's upload flow for one material (start → multipart POST of
// the form to the storage the portal names → complete) with a 2 kB PDF. With the disk
// store the form's URL is a path on the portal itself.
func uploadSmallPDF(ctx context.Context, client *http.Client, baseURL, uploadsURL, tok string, i int, material string) error {
	data := make([]byte, 2048)
	copy(data, fmt.Sprintf("%%PDF-1.7\n%% bench case %d material %s\n", i, material))
	for k := 64; k < len(data); k++ {
		data[k] = ' '
	}
	name := material + ".pdf"
	var form api.UploadForm
	if _, err := callJSON(ctx, client, "POST", uploadsURL, tok, api.UploadRequest{Filename: name, ContentType: "application/pdf", Size: int64(len(data))}, &form, http.StatusCreated); err != nil {
		return fmt.Errorf("start: %w", err)
	}
	target := form.URL
	if strings.HasPrefix(target, "/") {
		target = baseURL + target
	}
	body, length, ctype := multipartBody(form.Fields, name, "application/pdf", data)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, body)
	if err != nil {
		return benchBug{err}
	}
	if err := requireLoopback(req.URL); err != nil {
		return benchBug{err}
	}
	req.ContentLength = length
	req.Header.Set("Content-Type", ctype)
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("POST to storage: %w", err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("POST to storage: %d %.100s", res.StatusCode, b)
	}
	if _, err := callJSON(ctx, client, "POST", uploadsURL+"/"+form.UploadID+"/complete", tok, nil, nil, http.StatusOK); err != nil {
		return fmt.Errorf("complete: %w", err)
	}
	return nil
}
