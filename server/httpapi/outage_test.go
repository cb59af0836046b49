package httpapi_test

// A MinIO outage seen from outside: the real portal binary on a real MinIO that is stopped
// and started again mid-run, on SQLite and PostgreSQL.

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"portal/app/api"
	"portal/server/demo"
	"portal/server/portaltest"
	"portal/server/store"
	"portal/server/store/storetest"
	"portal/uploads/uploadstest"
)

// TestOutageMinIO: while MinIO is down, uploads and downloads answer 503 "unavailable" at
// once (no hanging request), the rest of the portal works and /readyz says storage is down;
// once the same MinIO is back, uploads work again without restarting the portal. Browsers
// get presigned URLs on MinIO's public host name, not the internal one.
func TestOutageMinIO(t *testing.T) {
	bin := portaltest.Binary(t)
	for _, d := range storetest.Dialects {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			m := uploadstest.StartMinIO(t)
			dbURL := ""
			if d == store.Postgres {
				dbURL = storetest.CreateDatabase(t)
			}
			_, port, _ := net.SplitHostPort(m.Endpoint)
			public := "localhost:" + port // what browsers reach MinIO at; the portal uses 127.0.0.1
			base := startPortalProcess(t, bin, dbURL,
				"PORTAL_MINIO_ENDPOINT="+m.Endpoint,
				"PORTAL_MINIO_PUBLIC_ENDPOINT="+public,
				"PORTAL_MINIO_ACCESS_KEY="+m.AccessKey,
				"PORTAL_MINIO_SECRET_KEY="+m.SecretKey,
				"PORTAL_MINIO_BUCKET=outage-test",
			)
			e := &env{t: t, url: base}
			lr, _ := e.login("13800000001", demo.Password)
			a := lr.AccessToken

			// Before the outage: the form and the download link name MinIO's public host.
			app := e.createApp(t, a, "SCJGJ-001")
			card := materialOfType(t, app, "id_card")
			pdfOnly := pdfOnlyMaterial(t, app)
			r, form := e.startUpload(t, a, app.ID, card.MaterialID, "card.png", "image/png", 100)
			if r.status != 201 {
				t.Fatalf("start upload: %d %s", r.status, r.body)
			}
			if u, err := url.Parse(form.URL); err != nil || u.Host != public {
				t.Errorf("upload URL %s: want host %s (MinIO's public name), not the internal %s", form.URL, public, m.Endpoint)
			}
			data := pngFile("before the outage")
			if status, body := e.post(t, form, "card.png", "image/png", data); status != 204 {
				t.Fatalf("POST to MinIO: %d %s", status, body)
			}
			if r := e.complete(t, a, app.ID, card.MaterialID, form.UploadID); r.status != 200 {
				t.Fatalf("complete: %d %s", r.status, r.body)
			}
			r = e.do("GET", "/applications/"+app.ID+"/materials/"+card.MaterialID+"/download", nil, bearer(a))
			var dl api.Download
			r.decode(t, &dl)
			if u, err := url.Parse(dl.URL); r.status != 200 || err != nil || u.Host != public {
				t.Errorf("download: %d, URL %s, want host %s", r.status, dl.URL, public)
			}
			if _, got, _ := e.download(t, a, app.ID, card.MaterialID); string(got) != string(data) {
				t.Errorf("downloaded %q", got)
			}
			// A form handed out before the outage, used after it.
			pdf := pdfFile("handed out before", 3000)
			r, early := e.startUpload(t, a, app.ID, pdfOnly.MaterialID, "form.pdf", "application/pdf", len(pdf))
			if r.status != 201 {
				t.Fatalf("start upload: %d %s", r.status, r.body)
			}

			m.Stop()
			timed := func(what string, f func() reply) reply {
				t.Helper()
				t0 := time.Now()
				r := f()
				d := time.Since(t0)
				if d > 4*time.Second {
					t.Errorf("%s took %v during the outage", what, d)
				}
				t.Logf("MinIO down: %s answered %d in %v", what, r.status, d.Round(time.Millisecond))
				return r
			}
			r = timed("start upload", func() reply {
				return e.do("POST", uploadsPath(app.ID, card.MaterialID), api.UploadRequest{Filename: "x.png", ContentType: "image/png", Size: 100}, bearer(a))
			})
			wantStatus(t, "start upload, MinIO down", r, 503, "unavailable")
			r = timed("download", func() reply {
				return e.do("GET", "/applications/"+app.ID+"/materials/"+card.MaterialID+"/download", nil, bearer(a))
			})
			wantStatus(t, "download, MinIO down", r, 503, "unavailable")
			r = timed("complete", func() reply { return e.complete(t, a, app.ID, pdfOnly.MaterialID, early.UploadID) })
			wantStatus(t, "complete, MinIO down", r, 503, "unavailable")
			// The rest of the portal works.
			r = timed("items", func() reply { return e.do("GET", "/items?q="+url.QueryEscape("营业执照"), nil, nil) })
			if r.status != 200 {
				t.Errorf("GET /items, MinIO down: %d", r.status)
			}
			r = timed("login", func() reply {
				return e.do("POST", "/auth/login", api.LoginRequest{Login: "staff", Password: demo.Password}, nil)
			})
			if r.status != 200 {
				t.Errorf("login, MinIO down: %d %s", r.status, r.body)
			}
			if r := e.do("GET", "/applications/"+app.ID, nil, bearer(a)); r.status != 200 {
				t.Errorf("GET application, MinIO down: %d", r.status)
			}
			t0 := time.Now()
			status, h := health(t, base+"/readyz")
			if status != 503 || h.Checks["storage"] != "down" || h.Checks["database"] != "ok" {
				t.Errorf("readyz, MinIO down: %d %+v", status, h)
			}
			if d := time.Since(t0); d > 4*time.Second {
				t.Errorf("readyz took %v", d)
			}
			if status, _ := health(t, base+"/healthz"); status != 200 {
				t.Errorf("healthz, MinIO down: %d", status)
			}

			// The same MinIO again: the portal recovers by itself.
			m.Start()
			deadline := time.Now().Add(15 * time.Second)
			for {
				status, h = health(t, base+"/readyz")
				if status == 200 || time.Now().After(deadline) {
					break
				}
				time.Sleep(200 * time.Millisecond)
			}
			if status != 200 || h.Checks["storage"] != "ok" {
				t.Fatalf("readyz after MinIO is back: %d %+v", status, h)
			}
			// The form from before the outage still works…
			if status, body := e.post(t, early, "form.pdf", "application/pdf", pdf); status != 204 {
				t.Errorf("POST of the early form: %d %s", status, body)
			} else if r := e.complete(t, a, app.ID, pdfOnly.MaterialID, early.UploadID); r.status != 200 {
				t.Errorf("complete of the early form: %d %s", r.status, r.body)
			}
			// …and new uploads: start, POST to MinIO, complete, submit, download.
			app = e.fill(t, a, e.getApp(t, a, app.ID), card.MaterialID, pdfOnly.MaterialID)
			app = e.submit(t, a, app.ID)
			if _, got, _ := e.download(t, a, app.ID, card.MaterialID); string(got) != string(data) {
				t.Errorf("after the outage the card reads %q", got)
			}
		})
	}
}

func health(t *testing.T, u string) (int, api.Health) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second}
	res, err := c.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer res.Body.Close()
	var h api.Health
	json.NewDecoder(res.Body).Decode(&h)
	return res.StatusCode, h
}

// startPortalProcess runs the portal binary with demo data on a free port, a fresh data
// dir, the database at dbURL (empty: SQLite) and settings, until the test ends.
func startPortalProcess(t *testing.T, bin, dbURL string, settings ...string) string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PORTAL_") {
			env = append(env, kv)
		}
	}
	addr := portaltest.FreeAddr(t)
	data := t.TempDir()
	env = append(append(env,
		"PORTAL_ADDR="+addr,
		"PORTAL_DATA_DIR="+data,
		"PORTAL_WEB_DIR="+data, // no pages needed: the API only
		"PORTAL_DATABASE_URL="+dbURL,
		"PORTAL_DEMO=1",
		"PORTAL_RATE_LIMITS=off",
		"PORTAL_NO_JOBS=1",
		"PORTAL_LOG_LEVEL=warn",
	), settings...)
	out := portaltest.NewTail(16 << 10)
	cmd := exec.Command(bin)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = data, env, out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("portal output (tail):\n%s", out)
		}
	})
	base := "http://" + addr
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		select {
		case <-exited:
			t.Fatalf("portal exited before serving:\n%s", out)
		default:
		}
		if res, err := client.Get(base + "/healthz"); err == nil {
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode == 200 {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("portal not healthy after 2 minutes:\n%s", out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
