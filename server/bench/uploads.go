package main

// Uploads: applicants upload materials of a few MB each through the portal's flow on a
// real MinIO (start upload → multipart POST of the presigned form to MinIO → complete,
// which moves the object out of staging and verifies size, type, magic bytes and SHA-256),
// next to the reference in the same run: minio-go PutObject of the same files to the same
// MinIO at the same concurrency. It reports throughput, per-file latency, and the CPU the
// portal process (and MinIO) spent per uploaded MB.

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"portal/app/api"
	"portal/server/demo"
	"portal/server/portal"
)

// uploadOptions are the uploads section's flags.
type uploadOptions struct {
	files       int   // files uploaded in the measured run
	size        int64 // bytes per file
	concurrency int
}

var upl = uploadOptions{}

func uploadFlags(fs *flag.FlagSet) {
	fs.IntVar(&upl.files, "upload-files", 40, "uploads: files uploaded in the measured run")
	fs.Int64Var(&upl.size, "upload-size", 4<<20, "uploads: bytes per file")
	fs.IntVar(&upl.concurrency, "upload-c", 8, "uploads: concurrent uploaders (one applicant each)")
}

// uploadRun is one measured run: every file's latency, and the CPU the processes spent.
type uploadRun struct {
	elapsed   time.Duration
	latencies []time.Duration // sorted
	phases    [3][]time.Duration
	failures  map[string]int
	portalCPU time.Duration // -1: unknown
	minioCPU  time.Duration
}

func (r uploadRun) ok() int { return len(r.latencies) }

func (r uploadRun) failed() int {
	n := 0
	for _, c := range r.failures {
		n += c
	}
	return n
}

func uploadsSection(ctx context.Context, o options, w io.Writer) error {
	if upl.files < 1 || upl.concurrency < 1 || upl.size < 1024 || upl.size > 1<<30 {
		return errors.New("-upload-files and -upload-c must be positive, -upload-size 1 KiB…1 GiB")
	}
	bin, err := minioBinary()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d PDF files of %s each, %d uploaders, on MinIO (%s) and the portal on SQLite.\n",
		upl.files, mb(upl.size), upl.concurrency, bin)
	fmt.Fprintf(w, "Portal: POST …/uploads (presign) → multipart POST of the form to MinIO → POST …/complete (move out of staging,\n"+
		"verify size, type, magic bytes, SHA-256). Reference: minio-go PutObject of the same files to the same MinIO.\n")

	m, err := startMinIO(ctx, bin)
	if err != nil {
		return err
	}
	defer m.stop()
	p, err := startPortalWith(ctx, o, "",
		"PORTAL_MINIO_ENDPOINT="+m.endpoint,
		"PORTAL_MINIO_ACCESS_KEY="+m.accessKey,
		"PORTAL_MINIO_SECRET_KEY="+m.secretKey,
		"PORTAL_MINIO_BUCKET=bench-materials",
		"PORTAL_NO_JOBS=1",
	)
	if err != nil {
		return err
	}
	defer p.cleanup()

	files := benchFiles(upl.files, upl.size)
	client := newLoadClient(upl.concurrency * 2)
	defer client.CloseIdleConnections()
	up, err := newUploaders(ctx, client, p.baseURL, upl.concurrency, upl.size)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Item %s, material %q (PDF up to %s); one applicant and one draft application per uploader.\n", up.item, up.matName, mb(up.matMax))

	// Warm-up: one upload per uploader (connections, the bucket, the SQLite pages).
	if _, err := runUploads(ctx, upl.concurrency, files[:min(len(files), upl.concurrency)], up.upload, 0, 0); err != nil {
		return err
	}
	portalRun, err := runUploads(ctx, upl.concurrency, files, up.upload, p.cmd.Process.Pid, m.cmd.Process.Pid)
	if err != nil {
		return err
	}

	raw, err := minio.New(m.endpoint, &minio.Options{Creds: credentials.NewStaticV4(m.accessKey, m.secretKey, ""), Region: "us-east-1",
		Transport: &http.Transport{Proxy: nil, MaxIdleConnsPerHost: upl.concurrency * 2}})
	if err != nil {
		return err
	}
	if err := raw.MakeBucket(ctx, "bench-raw", minio.MakeBucketOptions{}); err != nil {
		return err
	}
	put := func(ctx context.Context, _, i int, f benchFile) ([3]time.Duration, error) {
		t0 := time.Now()
		_, err := raw.PutObject(ctx, "bench-raw", fmt.Sprintf("raw/%d", i), bytes.NewReader(f.data), int64(len(f.data)),
			minio.PutObjectOptions{ContentType: "application/pdf"})
		return [3]time.Duration{0, time.Since(t0), 0}, err
	}
	if _, err := runUploads(ctx, upl.concurrency, files[:min(len(files), upl.concurrency)], put, 0, 0); err != nil {
		return err
	}
	rawRun, err := runUploads(ctx, upl.concurrency, files, put, 0, m.cmd.Process.Pid)
	if err != nil {
		return err
	}
	if err := printUploadTable(w, rawRun, portalRun); err != nil {
		return err
	}
	switch {
	case portalRun.failed() > 0:
		return fmt.Errorf("%d portal uploads failed: %s", portalRun.failed(), loadResult{errorKinds: portalRun.failures}.errorSummary())
	case rawRun.failed() > 0:
		return fmt.Errorf("%d PutObject calls failed: %s", rawRun.failed(), loadResult{errorKinds: rawRun.failures}.errorSummary())
	}
	return nil
}

// benchFile is one file to upload: a PDF header, then random bytes.
type benchFile struct {
	data []byte
	sha  string
}

func benchFiles(n int, size int64) []benchFile {
	// Distinct files without n × size of random numbers: one random body, a distinct header each.
	body := make([]byte, size)
	rand.Read(body)
	out := make([]benchFile, n)
	for i := range out {
		b := slices.Clone(body)
		copy(b, fmt.Sprintf("%%PDF-1.7\n%% bench file %d\n", i))
		h := sha256.Sum256(b)
		out[i] = benchFile{data: b, sha: hex.EncodeToString(h[:])}
	}
	return out
}

// runUploads uploads files on concurrency workers released at once; do returns the time of
// its phases. When pid > 0 the process's CPU time over the run is measured.
func runUploads(ctx context.Context, concurrency int, files []benchFile, do func(ctx context.Context, worker, i int, f benchFile) ([3]time.Duration, error),
	portalPID, minioPID int) (uploadRun, error) {
	run := uploadRun{failures: map[string]int{}, portalCPU: -1, minioCPU: -1}
	var mu sync.Mutex
	var next atomic.Int64
	cpu0p, errP := processCPU(portalPID)
	cpu0m, errM := processCPU(minioPID)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for worker := range concurrency {
		wg.Go(func() {
			<-start
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(files) {
					return
				}
				t0 := time.Now()
				phases, err := do(ctx, worker, i, files[i])
				lat := time.Since(t0)
				mu.Lock()
				if err != nil {
					run.failures[shortErr(err)]++
				} else {
					run.latencies = append(run.latencies, lat)
					for k := range phases {
						run.phases[k] = append(run.phases[k], phases[k])
					}
				}
				mu.Unlock()
			}
		})
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	run.elapsed = time.Since(t0)
	if cpu1, err := processCPU(portalPID); portalPID > 0 && err == nil && errP == nil {
		run.portalCPU = cpu1 - cpu0p
	}
	if cpu1, err := processCPU(minioPID); minioPID > 0 && err == nil && errM == nil {
		run.minioCPU = cpu1 - cpu0m
	}
	slices.Sort(run.latencies)
	for k := range run.phases {
		slices.Sort(run.phases[k])
	}
	return run, ctx.Err()
}

func shortErr(err error) string {
	s := err.Error()
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

// uploaders are applicants of the portal, one per worker, each with a draft application
// and a material that takes PDFs of the files' size.
type uploaders struct {
	client *http.Client
	base   string
	tokens []string
	apps   []string
	mat    []string
	// what is uploaded to, for the report
	item, matName string
	matMax        int64
}

func newUploaders(ctx context.Context, client *http.Client, base string, n int, size int64) (*uploaders, error) {
	item, err := pdfItem(size)
	if err != nil {
		return nil, err
	}
	u := &uploaders{client: client, base: base, item: item}
	for i := range n {
		phone := fmt.Sprintf("1360000%04d", i)
		if _, err := callJSON(ctx, client, "POST", base+"/api/v1/auth/register", "", api.RegisterRequest{Phone: phone, Password: "Bench2026pass", Name: fmt.Sprintf("上传%d", i)}, nil, http.StatusCreated); err != nil {
			return nil, fmt.Errorf("register: %w", err)
		}
		var lr api.LoginResponse
		if _, err := callJSON(ctx, client, "POST", base+"/api/v1/auth/login", "", api.LoginRequest{Login: phone, Password: "Bench2026pass"}, &lr, http.StatusOK); err != nil {
			return nil, fmt.Errorf("login: %w", err)
		}
		var app api.Application
		if _, err := callJSON(ctx, client, "POST", base+"/api/v1/applications", lr.AccessToken, api.CreateApplicationRequest{ItemCode: item}, &app, http.StatusCreated); err != nil {
			return nil, fmt.Errorf("application for %s: %w", item, err)
		}
		mat := ""
		for _, m := range app.Materials {
			if slices.Contains(m.Formats, "pdf") && m.MaxBytes >= max(size, minMaterialBytes) {
				mat, u.matName, u.matMax = m.MaterialID, m.Name, m.MaxBytes
				break
			}
		}
		if mat == "" {
			return nil, fmt.Errorf("%s has no material taking PDFs of %s", item, mb(size))
		}
		u.tokens, u.apps, u.mat = append(u.tokens, lr.AccessToken), append(u.apps, app.ID), append(u.mat, mat)
	}
	return u, nil
}

// minMaterialBytes: the material uploaded to takes PDFs of at least this size, as large
// reports and drawings do (whatever -upload-size is).
const minMaterialBytes = 10 << 20

// pdfItem is an active demo item with online pre-review at the county centre with a
// material that takes PDFs of size bytes (and of minMaterialBytes).
func pdfItem(size int64) (string, error) {
	for _, it := range demo.Items() {
		if it.Status != "" && it.Status != portal.ItemActive || !it.OnlinePreview || !slices.Contains(it.Sites, "county") {
			continue
		}
		for _, m := range it.Materials {
			if slices.Contains(m.Formats, "pdf") && m.MaxBytes >= max(size, minMaterialBytes) {
				return it.Code, nil
			}
		}
	}
	return "", fmt.Errorf("no demo item takes PDFs of %s (use -upload-size)", mb(size))
}

// upload is the browser's flow for file i by the worker's applicant, who replaces the file
// of its one material again and again: every round is a full upload.
func (u *uploaders) upload(ctx context.Context, worker, i int, f benchFile) ([3]time.Duration, error) {
	var ph [3]time.Duration
	tok, app, mat := u.tokens[worker], u.apps[worker], u.mat[worker]
	path := u.base + "/api/v1/applications/" + app + "/materials/" + mat + "/uploads"
	name := fmt.Sprintf("report-%d.pdf", i)

	t0 := time.Now()
	var form api.UploadForm
	if _, err := callJSON(ctx, u.client, "POST", path, tok, api.UploadRequest{Filename: name, ContentType: "application/pdf", Size: int64(len(f.data))}, &form, http.StatusCreated); err != nil {
		return ph, fmt.Errorf("start: %w", err)
	}
	ph[0] = time.Since(t0)

	t1 := time.Now()
	body, length, ctype := multipartBody(form.Fields, name, "application/pdf", f.data)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, form.URL, body)
	if err != nil {
		return ph, benchBug{err}
	}
	if err := requireLoopback(req.URL); err != nil {
		return ph, benchBug{err}
	}
	req.ContentLength = length
	req.Header.Set("Content-Type", ctype)
	res, err := u.client.Do(req)
	if err != nil {
		return ph, fmt.Errorf("POST to storage: %w", err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return ph, fmt.Errorf("POST to storage: %d %.100s", res.StatusCode, b)
	}
	ph[1] = time.Since(t1)

	t2 := time.Now()
	var done api.Application
	if _, err := callJSON(ctx, u.client, "POST", path+"/"+form.UploadID+"/complete", tok, nil, &done, http.StatusOK); err != nil {
		return ph, fmt.Errorf("complete: %w", err)
	}
	ph[2] = time.Since(t2)
	for _, m := range done.Materials {
		if m.MaterialID == mat && (m.SHA256 != f.sha || m.Size != int64(len(f.data))) {
			return ph, fmt.Errorf("complete recorded %d bytes sha %s, sent %d bytes sha %s", m.Size, m.SHA256, len(f.data), f.sha)
		}
	}
	return ph, nil
}

// multipartBody is the browser's form: the fields, then the file, streamed from data.
func multipartBody(fields map[string]string, filename, ctype string, data []byte) (io.Reader, int64, string) {
	var head bytes.Buffer
	mw := multipart.NewWriter(&head)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		mw.WriteField(k, fields[k])
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, filename))
	h.Set("Content-Type", ctype)
	mw.CreatePart(h)
	prefix := slices.Clone(head.Bytes())
	head.Reset()
	mw.Close()
	suffix := head.Bytes()
	return io.MultiReader(bytes.NewReader(prefix), bytes.NewReader(data), bytes.NewReader(suffix)),
		int64(len(prefix) + len(data) + len(suffix)), mw.FormDataContentType()
}

// callJSON sends a JSON request to the portal and decodes the answer into out.
func callJSON(ctx context.Context, client *http.Client, method, url, token string, in, out any, want int) (int, error) {
	var body io.Reader
	if in != nil {
		j, err := json.Marshal(in)
		if err != nil {
			return 0, benchBug{err}
		}
		body = bytes.NewReader(j)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return 0, benchBug{err}
	}
	if err := requireLoopback(req.URL); err != nil {
		return 0, benchBug{err}
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		return res.StatusCode, fmt.Errorf("%s %s: %d %.200s", method, req.URL.Path, res.StatusCode, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			return res.StatusCode, err
		}
	}
	return res.StatusCode, nil
}

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat: 100 on every
// Linux architecture Go supports.
const clockTicks = 100

// processCPU is the user + system CPU time a process has used, from /proc/<pid>/stat.
func processCPU(pid int) (time.Duration, error) {
	if pid <= 0 {
		return 0, errors.New("no process")
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	// The command name (field 2) is in parentheses and may hold spaces: count from after it.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, errors.New("unexpected /proc stat format")
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, errors.New("unexpected /proc stat format")
	}
	// f[0] is field 3 (state); utime and stime are fields 14 and 15.
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, errors.New("unexpected /proc stat format")
	}
	return time.Duration(ut+st) * time.Second / clockTicks, nil
}

func printUploadTable(w io.Writer, raw, p uploadRun) error {
	mbOf := func(r uploadRun) float64 { return float64(int64(r.ok())*upl.size) / 1e6 }
	rate := func(r uploadRun) float64 { return mbOf(r) / r.elapsed.Seconds() }
	perMB := func(cpu time.Duration, r uploadRun) string {
		if cpu < 0 || r.ok() == 0 {
			return "-"
		}
		return fmt.Sprintf("%.4f", cpu.Seconds()/mbOf(r))
	}
	lat := func(r uploadRun, q float64) string { return ms(loadResult{latencies: r.latencies}.percentile(q)) }
	var t table
	t.add("target", "files ok", "failed", "MB/s", "of raw", "uploads/s", "p50 ms", "p99 ms", "portal CPU s/MB", "MinIO CPU s/MB")
	t.add("raw minio-go PutObject", fmt.Sprint(raw.ok()), fmt.Sprint(raw.failed()), fmt.Sprintf("%.1f", rate(raw)), "",
		fmt.Sprintf("%.1f", float64(raw.ok())/raw.elapsed.Seconds()), lat(raw, .5), lat(raw, .99), "-", perMB(raw.minioCPU, raw))
	t.add("portal: start → POST → complete", fmt.Sprint(p.ok()), fmt.Sprint(p.failed()), fmt.Sprintf("%.1f", rate(p)),
		percent(rate(p), rate(raw)), fmt.Sprintf("%.1f", float64(p.ok())/p.elapsed.Seconds()), lat(p, .5), lat(p, .99),
		perMB(p.portalCPU, p), perMB(p.minioCPU, p))
	if err := t.print(w); err != nil {
		return err
	}
	ph := func(k int, q float64) string { return ms(loadResult{latencies: p.phases[k]}.percentile(q)) }
	fmt.Fprintf(w, "portal phases p50 / p99 ms: start %s / %s, POST to MinIO %s / %s, complete (move + verify) %s / %s\n",
		ph(0, .5), ph(0, .99), ph(1, .5), ph(1, .99), ph(2, .5), ph(2, .99))
	fmt.Fprintf(w, "MB = 10^6 bytes of file content; latency is per file, all phases. CPU: utime+stime from /proc over the measured run.\n"+
		"The portal never receives file bytes from the browser; its CPU is the presign, the database, and reading the object\n"+
		"back once to hash it. MinIO does more per portal upload than per PutObject: the POST, the copy out of staging, the read.\n")
	if p.failed() > 0 {
		fmt.Fprintf(w, "portal failures: %s\n", loadResult{errorKinds: p.failures}.errorSummary())
	}
	return nil
}

// --- MinIO as a child process ---------------------------------------------------------------

type minioProcess struct {
	endpoint, accessKey, secretKey string
	dataDir                        string
	cmd                            *exec.Cmd
	log                            *tailBuffer
	exited                         chan struct{}
}

// minioBinary finds MinIO as the tests do: $PORTAL_MINIO_BIN, ~/.cache/portal-tools/minio,
// or minio on PATH.
func minioBinary() (string, error) {
	if p := os.Getenv("PORTAL_MINIO_BIN"); p != "" {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			return "", fmt.Errorf("PORTAL_MINIO_BIN=%s: not a file", p)
		}
		return p, nil
	}
	if home, err := os.UserHomeDir(); err == nil {
		p := filepath.Join(home, ".cache", "portal-tools", "minio")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath("minio"); err == nil {
		return p, nil
	}
	return "", errors.New("no MinIO binary: set PORTAL_MINIO_BIN or run: GOBIN=$HOME/.cache/portal-tools go install github.com/minio/minio@v0.0.0-20260212201848-7aac2a2c5b7c")
}

// startMinIO runs MinIO on free loopback ports with a fresh data directory and random root
// credentials (the flags of uploadstest), and waits until it serves S3 requests.
func startMinIO(ctx context.Context, bin string) (*minioProcess, error) {
	addr, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	console, err := freeLoopbackAddr()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "portal-bench-minio-")
	if err != nil {
		return nil, err
	}
	m := &minioProcess{endpoint: addr, accessKey: "bench" + hex.EncodeToString(randomBytes(6)), secretKey: hex.EncodeToString(randomBytes(20)),
		dataDir: dir, log: &tailBuffer{max: 8 << 10}, exited: make(chan struct{})}
	m.cmd = exec.CommandContext(ctx, bin, "server", dir, "--address", addr, "--console-address", console, "--quiet")
	m.cmd.Env = append(os.Environ(),
		"MINIO_ROOT_USER="+m.accessKey,
		"MINIO_ROOT_PASSWORD="+m.secretKey,
		"MINIO_BROWSER=off",
		"MINIO_UPDATE=off",
		"MINIO_CI_CD=1",
	)
	m.cmd.Stdout, m.cmd.Stderr = m.log, m.log
	m.cmd.Cancel = func() error { return m.cmd.Process.Signal(syscall.SIGTERM) }
	m.cmd.WaitDelay = 10 * time.Second
	if err := m.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	go func() { m.cmd.Wait(); close(m.exited) }()
	client := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{Proxy: nil}}
	defer client.CloseIdleConnections()
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := client.Get("http://" + addr + "/minio/health/live")
		if err == nil {
			res.Body.Close()
			// Live answers 200 a moment before the object layer is up; it says so here.
			if res.StatusCode == http.StatusOK && res.Header.Get("X-Minio-Server-Status") != "offline" {
				return m, nil
			}
		}
		select {
		case <-m.exited:
			os.RemoveAll(dir)
			return nil, fmt.Errorf("MinIO exited at start:\n%s", m.log)
		case <-ctx.Done():
			m.stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			m.stop()
			return nil, fmt.Errorf("MinIO not live after 60s:\n%s", m.log)
		}
	}
}

// stop ends MinIO (SIGTERM, then SIGKILL) and removes its data.
func (m *minioProcess) stop() {
	select {
	case <-m.exited:
	default:
		m.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-m.exited:
		case <-time.After(10 * time.Second):
			m.cmd.Process.Kill()
			<-m.exited
		}
	}
	os.RemoveAll(m.dataDir)
}
