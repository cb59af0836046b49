package httpapi_test

// Online pre-review over HTTP, as a browser and window staff use it: the state machine with
// its one correction notice and verifiable codes, verification of uploads by the storage and
// at complete (disk and a real MinIO), who may see and do what, two reviewers at once, and
// the locker. Every test runs on SQLite and PostgreSQL.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"portal/app/api"
	"portal/server/demo"
	"portal/server/store"
	"portal/server/store/storetest"
	"portal/uploads"
	"portal/uploads/uploadstest"
)

// eachBackend runs fn on SQLite and PostgreSQL with the disk storage and, when withMinIO,
// with a real MinIO too (one server for the test, a bucket per run).
func eachBackend(t *testing.T, withMinIO bool, fn func(t *testing.T, e *env), opts ...envOption) {
	var m *uploadstest.MinIOServer
	if withMinIO {
		m = uploadstest.StartMinIO(t)
	}
	for _, d := range storetest.Dialects {
		t.Run(d+"/disk", func(t *testing.T) {
			t.Parallel()
			fn(t, newEnv(t, d, true, opts...))
		})
		if m != nil {
			t.Run(d+"/minio", func(t *testing.T) {
				t.Parallel()
				fn(t, newEnv(t, d, true, append([]envOption{onMinIO(m)}, opts...)...))
			})
		}
	}
}

// --- files ---------------------------------------------------------------------------------

// pdfFile is a small PDF-looking file; seed makes its bytes (and hash) its own.
func pdfFile(seed string, size int) []byte {
	b := []byte("%PDF-1.7\n% " + seed + "\n")
	for len(b) < size-6 {
		b = append(b, "0123456789abcdef\n"...)
	}
	if n := size - 6; n > 0 && len(b) > n {
		b = b[:n]
	}
	return append(b, "%%EOF\n"...)
}

// pngFile starts with the PNG signature.
func pngFile(seed string) []byte {
	return append([]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, []byte("IHDR fake image "+seed)...)
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// --- API helpers ---------------------------------------------------------------------------

func (e *env) createApp(t *testing.T, tok, item string) api.Application {
	t.Helper()
	r := e.do("POST", "/applications", api.CreateApplicationRequest{ItemCode: item}, bearer(tok))
	var app api.Application
	if r.status != 201 {
		t.Fatalf("create application for %s: %d %s", item, r.status, r.body)
	}
	r.decode(t, &app)
	if app.Status != "draft" || app.CaseNo == "" || len(app.Materials) == 0 {
		t.Fatalf("new application %+v", app)
	}
	return app
}

func (e *env) getApp(t *testing.T, tok, id string) api.Application {
	t.Helper()
	r := e.do("GET", "/applications/"+id, nil, bearer(tok))
	if r.status != 200 {
		t.Fatalf("GET application: %d %s", r.status, r.body)
	}
	var app api.Application
	r.decode(t, &app)
	return app
}

func uploadsPath(appID, matID string) string {
	return "/applications/" + appID + "/materials/" + matID + "/uploads"
}

// startUpload asks for an upload form.
func (e *env) startUpload(t *testing.T, tok, appID, matID, filename, ctype string, size int) (reply, api.UploadForm) {
	t.Helper()
	r := e.do("POST", uploadsPath(appID, matID), api.UploadRequest{Filename: filename, ContentType: ctype, Size: int64(size)}, bearer(tok))
	var f api.UploadForm
	if r.status == 201 {
		r.decode(t, &f)
	}
	return r, f
}

// absURL resolves a URL the API returned (relative for the disk storage) like a browser.
func (e *env) absURL(u string) string {
	if strings.HasPrefix(u, "/") {
		return e.url + u
	}
	return u
}

// postForm uploads data like a browser: a multipart POST of the form's fields, then the file.
func postForm(url string, form api.UploadForm, filename, ctype string, data []byte) (int, string, error) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	names := make([]string, 0, len(form.Fields))
	for k := range form.Fields {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		mw.WriteField(k, form.Fields[k])
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="file"; filename=%q`, filename))
	h.Set("Content-Type", ctype)
	pw, _ := mw.CreatePart(h)
	pw.Write(data)
	mw.Close()
	req, err := http.NewRequest(form.Method, url, &body)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), nil
}

func (e *env) post(t *testing.T, form api.UploadForm, filename, ctype string, data []byte) (int, string) {
	t.Helper()
	if form.Method != "POST" || form.URL == "" || form.Fields["key"] == "" {
		t.Fatalf("upload form %+v", form)
	}
	status, body, err := postForm(e.absURL(form.URL), form, filename, ctype, data)
	if err != nil {
		t.Fatalf("POST to storage: %v", err)
	}
	return status, body
}

func (e *env) complete(t *testing.T, tok, appID, matID, uploadID string) reply {
	t.Helper()
	return e.do("POST", uploadsPath(appID, matID)+"/"+uploadID+"/complete", nil, bearer(tok))
}

// attach uploads data for a material the whole way (start, POST to storage, complete) and
// returns the application.
func (e *env) attach(t *testing.T, tok, appID, matID, filename, ctype string, data []byte) api.Application {
	t.Helper()
	r, form := e.startUpload(t, tok, appID, matID, filename, ctype, len(data))
	if r.status != 201 {
		t.Fatalf("start upload of %s: %d %s", filename, r.status, r.body)
	}
	if status, body := e.post(t, form, filename, ctype, data); status/100 != 2 {
		t.Fatalf("POST %s to storage: %d %s", filename, status, body)
	}
	r = e.complete(t, tok, appID, matID, form.UploadID)
	if r.status != 200 {
		t.Fatalf("complete %s: %d %s", filename, r.status, r.body)
	}
	var app api.Application
	r.decode(t, &app)
	m := material(t, app, matID)
	if m.Status != "uploaded" || m.Filename != filename || m.Size != int64(len(data)) || m.SHA256 != sha(data) {
		t.Fatalf("material after upload %+v", m)
	}
	return app
}

// fileFor is a file a material accepts: a PDF when it takes PDFs, else a PNG.
func fileFor(m api.AppMaterial, seed string) (name, ctype string, data []byte) {
	if slices.Contains(m.Formats, "pdf") {
		return seed + ".pdf", "application/pdf", pdfFile(seed, 2000)
	}
	return seed + ".png", "image/png", pngFile(seed)
}

// fill uploads a file for every required material except those named in skip.
func (e *env) fill(t *testing.T, tok string, app api.Application, skip ...string) api.Application {
	t.Helper()
	for _, m := range app.Materials {
		if !m.Required || slices.Contains(skip, m.MaterialID) {
			continue
		}
		name, ctype, data := fileFor(m, app.ID[:6]+"-"+m.MaterialID[:6])
		app = e.attach(t, tok, app.ID, m.MaterialID, name, ctype, data)
	}
	return app
}

func (e *env) submit(t *testing.T, tok, appID string) api.Application {
	t.Helper()
	r := e.do("POST", "/applications/"+appID+"/submit", nil, bearer(tok))
	if r.status != 200 {
		t.Fatalf("submit: %d %s", r.status, r.body)
	}
	var app api.Application
	r.decode(t, &app)
	if app.Status != "pre_review" {
		t.Fatalf("submitted application is %s", app.Status)
	}
	return app
}

// submitted is an application of item with every required material, in pre-review.
func (e *env) submitted(t *testing.T, tok, item string) api.Application {
	t.Helper()
	app := e.fill(t, tok, e.createApp(t, tok, item))
	return e.submit(t, tok, app.ID)
}

func (e *env) decide(tok, appID string, req api.DecisionRequest) reply {
	e.t.Helper()
	return e.do("POST", "/review/applications/"+appID+"/decision", req, bearer(tok))
}

func (e *env) decided(t *testing.T, tok, appID string, req api.DecisionRequest) api.Decision {
	t.Helper()
	r := e.decide(tok, appID, req)
	if r.status != 200 {
		t.Fatalf("decide %s: %d %s", req.Decision, r.status, r.body)
	}
	var d api.Decision
	r.decode(t, &d)
	return d
}

func material(t *testing.T, app api.Application, id string) api.AppMaterial {
	t.Helper()
	for _, m := range app.Materials {
		if m.MaterialID == id {
			return m
		}
	}
	t.Fatalf("application %s has no material %s", app.ID, id)
	return api.AppMaterial{}
}

// materialOfType is the application's material of a locker type.
func materialOfType(t *testing.T, app api.Application, typeCode string) api.AppMaterial {
	t.Helper()
	for _, m := range app.Materials {
		if m.TypeCode == typeCode {
			return m
		}
	}
	t.Fatalf("%s has no material of type %s", app.ItemCode, typeCode)
	return api.AppMaterial{}
}

// pdfOnlyMaterial is the application's first material that takes PDF only.
func pdfOnlyMaterial(t *testing.T, app api.Application) api.AppMaterial {
	t.Helper()
	for _, m := range app.Materials {
		if slices.Equal(m.Formats, []string{"pdf"}) {
			return m
		}
	}
	t.Fatalf("%s has no PDF-only material", app.ItemCode)
	return api.AppMaterial{}
}

// download asks for a material's link and fetches it like a browser.
func (e *env) download(t *testing.T, tok, appID, matID string) (reply, []byte, http.Header) {
	t.Helper()
	r := e.do("GET", "/applications/"+appID+"/materials/"+matID+"/download", nil, bearer(tok))
	if r.status != 200 {
		return r, nil, nil
	}
	var d api.Download
	r.decode(t, &d)
	res, err := http.Get(e.absURL(d.URL))
	if err != nil {
		t.Fatalf("GET download URL: %v", err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Fatalf("GET download URL: %d %s", res.StatusCode, b)
	}
	return r, b, res.Header
}

func (e *env) events(t *testing.T, tok, appID string) []api.AppEvent {
	t.Helper()
	r := e.do("GET", "/applications/"+appID+"/events", nil, bearer(tok))
	if r.status != 200 {
		t.Fatalf("events: %d %s", r.status, r.body)
	}
	var l api.AppEventList
	r.decode(t, &l)
	return l.Events
}

// newStaff creates a window account through the admin API and signs it in.
func (e *env) newStaff(t *testing.T, login, dept, site string) string {
	t.Helper()
	admin, _ := e.login("admin", demo.Password)
	r := e.do("POST", "/admin/users", api.CreateUserRequest{Login: login, Password: "Window2026", Name: "窗口" + login,
		Role: "staff", DepartmentCode: dept, SiteCode: site}, bearer(admin.AccessToken))
	if r.status != 201 {
		t.Fatalf("create staff %s: %d %s", login, r.status, r.body)
	}
	lr, _ := e.login(login, "Window2026")
	return lr.AccessToken
}

func wantStatus(t *testing.T, what string, r reply, status int, code string) {
	t.Helper()
	if r.status != status {
		t.Errorf("%s: %d %s, want %d", what, r.status, r.body, status)
		return
	}
	if code != "" {
		if got := r.errBody(t).Code; got != code {
			t.Errorf("%s: code %q, want %q", what, got, code)
		}
	}
}

// objectKeys lists every object the env's storage holds.
func (e *env) objectKeys(t *testing.T) []string {
	t.Helper()
	var keys []string
	if e.minio != nil {
		c, err := minio.New(e.minio.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(e.minio.AccessKey, e.minio.SecretKey, "")})
		if err != nil {
			t.Fatal(err)
		}
		for o := range c.ListObjects(context.Background(), e.bucket, minio.ListObjectsOptions{Recursive: true}) {
			if o.Err != nil {
				t.Fatal(o.Err)
			}
			keys = append(keys, o.Key)
		}
		return keys
	}
	root := filepath.Join(e.filesDir, "objects")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			keys = append(keys, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return keys
}

func (e *env) audit(t *testing.T, appID string) []store.AuditEntry {
	t.Helper()
	entries, err := e.db.AuditEntries(context.Background(), "application:"+appID)
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// --- a. the state machine ------------------------------------------------------------------

// TestPreReviewStateMachine walks one application through every state over HTTP: draft,
// refused submit naming the missing material, pre-review, one correction notice listing
// exactly the deficient material with its reason (verifiable by code, forgeries 404),
// replacement and resubmission, pass; wrong moves answer 409, and every change is in the
// history with who and when.
func TestPreReviewStateMachine(t *testing.T) {
	eachBackend(t, true, func(t *testing.T, e *env) {
		lr, _ := e.login("13800000001", demo.Password)
		a := lr.AccessToken
		staff, _ := e.login("staff", demo.Password)
		s := staff.AccessToken
		start := time.Now().Add(-time.Second)

		app := e.createApp(t, a, "SCJGJ-001")
		if app.ItemName == "" || app.DepartmentCode != "scjgj" || app.SiteCode != "county" || app.DepartmentName == "" {
			t.Errorf("new application %+v", app)
		}
		var required, optional []string
		for _, m := range app.Materials {
			if m.Status != "missing" || m.Name == "" || len(m.Formats) == 0 || m.MaxBytes <= 0 {
				t.Errorf("new material %+v", m)
			}
			if m.Required {
				required = append(required, m.MaterialID)
			} else {
				optional = append(optional, m.MaterialID)
			}
		}
		if len(required) < 3 || len(optional) == 0 {
			t.Fatalf("SCJGJ-001: %d required, %d optional materials", len(required), len(optional))
		}

		// Submitting with nothing names every required material, and only those.
		r := e.do("POST", "/applications/"+app.ID+"/submit", nil, bearer(a))
		wantStatus(t, "submit empty", r, 422, "invalid")
		if r.status == 422 {
			f := r.errBody(t).Fields
			for _, id := range required {
				if f["materials."+id] == "" {
					t.Errorf("submit empty: no message for required material %s: %v", id, f)
				}
			}
			if f["materials."+optional[0]] != "" || len(f) != len(required) {
				t.Errorf("submit empty names %v; required are %v", f, required)
			}
		}
		// A decision on a draft is a wrong move.
		wantStatus(t, "decide a draft", e.decide(s, app.ID, api.DecisionRequest{Decision: "pass"}), 409, "invalid_state")

		// Everything but the premises proof: submit names exactly that one.
		premises := materialOfType(t, app, "premises_proof")
		app = e.fill(t, a, app, premises.MaterialID)
		r = e.do("POST", "/applications/"+app.ID+"/submit", nil, bearer(a))
		wantStatus(t, "submit without premises proof", r, 422, "invalid")
		if f := r.errBody(t).Fields; len(f) != 1 || f["materials."+premises.MaterialID] == "" {
			t.Errorf("submit without premises proof names %v, want only materials.%s", f, premises.MaterialID)
		}
		name, ctype, data := fileFor(premises, "premises")
		app = e.attach(t, a, app.ID, premises.MaterialID, name, ctype, data)
		app = e.submit(t, a, app.ID)
		if app.SubmittedAt == nil {
			t.Error("submitted_at not set")
		}
		// A retried submit (dropped connection) is answered the same, not refused.
		if again := e.submit(t, a, app.ID); again.Version != app.Version {
			t.Errorf("retried submit moved the version %d → %d", app.Version, again.Version)
		}
		// Pre-review freezes the files.
		idCard := materialOfType(t, app, "id_card")
		r, _ = e.startUpload(t, a, app.ID, idCard.MaterialID, "new.png", "image/png", 100)
		wantStatus(t, "upload during pre-review", r, 409, "invalid_state")
		wantStatus(t, "remove during pre-review", e.do("DELETE", "/applications/"+app.ID+"/materials/"+idCard.MaterialID, nil, bearer(a)), 409, "invalid_state")

		// The window sees it in its queue, with the applicant's phone masked.
		var queue api.ApplicationList
		e.do("GET", "/review/queue", nil, bearer(s)).decode(t, &queue)
		if len(queue.Applications) != 1 || queue.Applications[0].ID != app.ID {
			t.Fatalf("queue %+v", queue.Applications)
		}
		if q := queue.Applications[0]; !strings.Contains(q.Applicant, "138****0001") || strings.Contains(q.Applicant, "13800000001") {
			t.Errorf("queue shows applicant %q", q.Applicant)
		}
		seen := e.getApp(t, s, app.ID)

		// Correction: one deficient material with its reason, the rest fine.
		reason := "身份证反面模糊，请重新上传清晰的正反面照片"
		verdicts := []api.MaterialVerdict{{MaterialID: idCard.MaterialID, Verdict: "deficient", Reason: reason}}
		for _, m := range seen.Materials {
			if m.MaterialID != idCard.MaterialID && m.Status == "uploaded" {
				verdicts = append(verdicts, api.MaterialVerdict{MaterialID: m.MaterialID, Verdict: "ok"})
			}
		}
		d := e.decided(t, s, app.ID, api.DecisionRequest{Decision: "correct", Materials: verdicts, Version: seen.Version})
		n := d.Notice
		if d.Application.Status != "needs_correction" || n.Kind != "correction" || n.Code == "" || n.QRPNG == "" {
			t.Fatalf("correction %+v / %+v", d.Application.Status, n)
		}
		if len(n.Lines) != 1 || n.Lines[0].Material != idCard.Name || n.Lines[0].Reason != reason {
			t.Errorf("notice lines %+v, want exactly %s: %s", n.Lines, idCard.Name, reason)
		}
		if n.CaseNo != app.CaseNo || n.Department == "" || n.Site == "" || n.IssuedOn == "" || n.VerifyPath != "/verify/"+n.Code {
			t.Errorf("notice %+v", n)
		}
		if strings.Contains(n.Applicant, "张明") || !strings.HasPrefix(n.Applicant, "张") {
			t.Errorf("notice names the applicant %q (want the family name only)", n.Applicant)
		}
		got := e.getApp(t, a, app.ID)
		if m := material(t, got, idCard.MaterialID); m.Status != "deficient" || m.Reason != reason {
			t.Errorf("deficient material %+v", m)
		}
		if got.NoticeID == "" {
			t.Error("application does not link its notice")
		}

		// Anyone holding the code can check what the notice says; a forged code is 404.
		var v api.Verification
		r = e.do("GET", "/verify/"+n.Code, nil, nil)
		r.decode(t, &v)
		if r.status != 200 || !v.Genuine || v.Notice.Kind != "correction" || v.Notice.CaseNo != app.CaseNo || v.Notice.ID != "" ||
			len(v.Notice.Lines) != 1 || v.Notice.Lines[0].Material != idCard.Name || v.Notice.Lines[0].Reason != reason {
			t.Errorf("verify: %d %s", r.status, r.body)
		}
		id, mac, _ := strings.Cut(n.Code, "-")
		for _, forged := range []string{id + "-" + flip(mac, len(mac)-1), id + "-" + flip(mac, 0), flip(id, 3) + "-" + mac, id, "x"} {
			wantStatus(t, "verify forged "+forged, e.do("GET", "/verify/"+forged, nil, nil), 404, "not_found")
		}
		var notices api.NoticeList
		e.do("GET", "/applications/"+app.ID+"/notices", nil, bearer(a)).decode(t, &notices)
		if len(notices.Notices) != 1 || notices.Notices[0].Code != n.Code {
			t.Errorf("notices %+v", notices.Notices)
		}

		// Resubmitting without replacing the deficient file names it.
		r = e.do("POST", "/applications/"+app.ID+"/submit", nil, bearer(a))
		wantStatus(t, "resubmit unchanged", r, 422, "invalid")
		if f := r.errBody(t).Fields; len(f) != 1 || f["materials."+idCard.MaterialID] == "" {
			t.Errorf("resubmit unchanged names %v", f)
		}
		// The applicant replaces the file and resubmits; the window passes.
		name, ctype, data = fileFor(idCard, "idcard-clear")
		e.attach(t, a, app.ID, idCard.MaterialID, name, ctype, data)
		app = e.submit(t, a, app.ID)
		seen = e.getApp(t, s, app.ID)
		d = e.decided(t, s, app.ID, api.DecisionRequest{Decision: "pass", Materials: []api.MaterialVerdict{{MaterialID: idCard.MaterialID, Verdict: "ok"}},
			Version: seen.Version, Note: "材料齐全，请按预约时间到窗口办理"})
		if d.Application.Status != "passed" || d.Notice.Kind != "pass" || len(d.Notice.Lines) != 0 || d.Notice.Code == n.Code {
			t.Errorf("pass %s / %+v", d.Application.Status, d.Notice)
		}
		r = e.do("GET", "/verify/"+d.Notice.Code, nil, nil)
		r.decode(t, &v)
		if r.status != 200 || v.Notice.Kind != "pass" {
			t.Errorf("verify pass: %d %s", r.status, r.body)
		}
		// The first notice still verifies as what it said.
		if r = e.do("GET", "/verify/"+n.Code, nil, nil); r.status != 200 {
			t.Errorf("verify the correction after the pass: %d", r.status)
		}

		// Wrong moves on a passed application.
		wantStatus(t, "submit a passed application", e.do("POST", "/applications/"+app.ID+"/submit", nil, bearer(a)), 409, "invalid_state")
		r, _ = e.startUpload(t, a, app.ID, idCard.MaterialID, "late.png", "image/png", 100)
		wantStatus(t, "upload to a passed application", r, 409, "invalid_state")
		wantStatus(t, "decide a passed application otherwise", e.decide(s, app.ID, api.DecisionRequest{Decision: "correct",
			Materials: []api.MaterialVerdict{{MaterialID: idCard.MaterialID, Verdict: "deficient", Reason: "x"}}}), 409, "invalid_state")

		// Withdrawing a draft is a right move; a withdrawn application cannot be submitted.
		other := e.createApp(t, a, "SCJGJ-001")
		r = e.do("POST", "/applications/"+other.ID+"/withdraw", api.WithdrawRequest{Note: "不办了"}, bearer(a))
		if r.status != 200 || !strings.Contains(string(r.body), `"withdrawn"`) {
			t.Errorf("withdraw a draft: %d %s", r.status, r.body)
		}
		wantStatus(t, "submit a withdrawn application", e.do("POST", "/applications/"+other.ID+"/submit", nil, bearer(a)), 409, "invalid_state")

		// The history: every change, by whom (names, roles) and when.
		events := e.events(t, a, app.ID)
		var actions []string
		for _, ev := range events {
			actions = append(actions, ev.Action)
			if ev.Actor == "" || ev.Role == "" || ev.At.Before(start) || ev.At.After(time.Now().Add(time.Second)) {
				t.Errorf("event %+v", ev)
			}
			if ev.Role == "applicant" && ev.Actor != "张明" || ev.Role == "staff" && ev.Actor != "李窗口" {
				t.Errorf("event actor %q for role %s", ev.Actor, ev.Role)
			}
		}
		uploads := strings.Repeat("uploaded ", len(required))
		want := strings.Fields("created " + uploads + "submitted correction_requested uploaded resubmitted passed")
		if !slices.Equal(actions, want) {
			t.Errorf("history %v\nwant     %v", actions, want)
		}
		for i := 1; i < len(events); i++ {
			if events[i].At.Before(events[i-1].At) {
				t.Errorf("history out of order at %d", i)
			}
		}
		last := events[len(events)-1]
		if last.From != "pre_review" || last.To != "passed" || last.Note == "" {
			t.Errorf("last event %+v", last)
		}
		// The window reads the same history.
		if got := e.events(t, s, app.ID); len(got) != len(events) {
			t.Errorf("staff sees %d events, applicant %d", len(got), len(events))
		}
	})
}

// flip changes the character at i of a base32 code into another base32 character.
func flip(s string, i int) string {
	c := byte('A')
	if s[i] == 'A' {
		c = 'B'
	}
	return s[:i] + string(c) + s[i+1:]
}

// --- b. verification -----------------------------------------------------------------------

// TestPreReviewUploadVerification checks, on the disk storage and on a real MinIO, that the
// storage itself refuses what the form does not allow (too big, expired) and that complete
// verifies what was stored: a refused file leaves no object behind, and the verified bytes
// cannot be swapped afterwards through the still valid form.
func TestPreReviewUploadVerification(t *testing.T) {
	eachBackend(t, true, func(t *testing.T, e *env) {
		lr, _ := e.login("13800000001", demo.Password)
		a := lr.AccessToken
		app := e.createApp(t, a, "SCJGJ-001")
		idCard := materialOfType(t, app, "id_card")
		pdfOnly := pdfOnlyMaterial(t, app)

		// Declared format not among the material's: refused before any form is given.
		r, _ := e.startUpload(t, a, app.ID, pdfOnly.MaterialID, "form.png", "image/png", 1000)
		wantStatus(t, "PNG for a PDF-only material", r, 422, "invalid")
		if r.status == 422 && r.errBody(t).Fields["content_type"] == "" {
			t.Errorf("no message for content_type: %s", r.body)
		}
		r, _ = e.startUpload(t, a, app.ID, pdfOnly.MaterialID, "form.txt", "text/html", 1000)
		wantStatus(t, "text/html", r, 422, "invalid")
		r, _ = e.startUpload(t, a, app.ID, pdfOnly.MaterialID, "form.pdf", "application/pdf", int(pdfOnly.MaxBytes)+1)
		wantStatus(t, "declared size over max_bytes", r, 422, "invalid")
		// A browser's own spelling of a type it may send is not a server error.
		r, _ = e.startUpload(t, a, app.ID, pdfOnly.MaterialID, "form.pdf", "Application/PDF", 1000)
		if r.status != 201 && r.status != 422 {
			t.Errorf("content type Application/PDF: %d %s", r.status, r.body)
		}

		// Over max_bytes: the storage refuses the bytes (while the declared size was fine),
		// and complete finds nothing.
		big := pdfFile("big", int(idCard.MaxBytes)+1)
		r, form := e.startUpload(t, a, app.ID, idCard.MaterialID, "big.pdf", "application/pdf", 1000)
		if r.status != 201 {
			t.Fatalf("start: %d %s", r.status, r.body)
		}
		status, body := e.post(t, form, "big.pdf", "application/pdf", big)
		if status != 400 || !strings.Contains(body, "EntityTooLarge") {
			t.Errorf("storage took %d bytes for max %d: %d %s", len(big), idCard.MaxBytes, status, body)
		}
		r = e.complete(t, a, app.ID, idCard.MaterialID, form.UploadID)
		wantStatus(t, "complete after a refused POST", r, 422, "upload_rejected")
		if r.status == 422 && r.errBody(t).Fields["file"] == "" {
			t.Errorf("no message for file: %s", r.body)
		}
		if _, err := e.files.Stat(context.Background(), form.Fields["key"]); !errors.Is(err, uploads.ErrNotFound) {
			t.Errorf("stat of the refused key: %v", err)
		}
		// The refused upload cannot be completed again.
		wantStatus(t, "complete a refused upload again", e.complete(t, a, app.ID, idCard.MaterialID, form.UploadID), 409, "invalid_state")

		// Declared image/png, PDF bytes: stored, refused at complete, deleted.
		r, form = e.startUpload(t, a, app.ID, idCard.MaterialID, "card.png", "image/png", 2000)
		if r.status != 201 {
			t.Fatalf("start: %d %s", r.status, r.body)
		}
		if status, body := e.post(t, form, "card.png", "image/png", pdfFile("not a png", 2000)); status/100 != 2 {
			t.Fatalf("POST: %d %s", status, body)
		}
		if _, err := e.files.Stat(context.Background(), form.Fields["key"]); err != nil {
			t.Fatalf("stat before complete: %v", err)
		}
		r = e.complete(t, a, app.ID, idCard.MaterialID, form.UploadID)
		wantStatus(t, "PDF bytes declared PNG", r, 422, "upload_rejected")
		if _, err := e.files.Stat(context.Background(), form.Fields["key"]); !errors.Is(err, uploads.ErrNotFound) {
			t.Errorf("stat after refusal: %v, want ErrNotFound", err)
		}
		for _, k := range e.objectKeys(t) {
			if strings.Contains(k, form.UploadID) {
				t.Errorf("the refused upload left %s behind", k)
			}
		}
		if m := material(t, e.getApp(t, a, app.ID), idCard.MaterialID); m.Status != "missing" || m.Filename != "" {
			t.Errorf("material after refusals %+v", m)
		}

		// A verified file is pinned: the form is still valid, but writing its key again
		// changes nothing the application holds.
		good := pngFile("the real card")
		r, form = e.startUpload(t, a, app.ID, idCard.MaterialID, "card.png", "image/png", len(good))
		if status, body := e.post(t, form, "card.png", "image/png", good); r.status != 201 || status/100 != 2 {
			t.Fatalf("upload: %d %s / %d %s", r.status, r.body, status, body)
		}
		if r = e.complete(t, a, app.ID, idCard.MaterialID, form.UploadID); r.status != 200 {
			t.Fatalf("complete: %d %s", r.status, r.body)
		}
		swapped := append(pngFile("swapped"), bytes.Repeat([]byte{0}, 100)...)
		if status, body := e.post(t, form, "card.png", "image/png", swapped); status/100 != 2 && status != 403 {
			t.Errorf("second POST with the form: %d %s", status, body)
		}
		wantStatus(t, "complete twice", e.complete(t, a, app.ID, idCard.MaterialID, form.UploadID), 409, "invalid_state")
		m := material(t, e.getApp(t, a, app.ID), idCard.MaterialID)
		_, got, hdr := e.download(t, a, app.ID, idCard.MaterialID)
		if m.SHA256 != sha(good) || !bytes.Equal(got, good) {
			t.Errorf("after a second POST the material holds %d bytes (sha %s), verified %s", len(got), sha(got), m.SHA256)
		}
		if hdr.Get("Content-Type") != "image/png" || !strings.HasPrefix(hdr.Get("Content-Disposition"), "inline") {
			t.Errorf("download headers %v", hdr)
		}

		// An expired form is refused by the storage.
		short := newEnv(t, dialectOf(e), true, withUploadTTL(time.Second), storageOf(e))
		lr, _ = short.login("13800000001", demo.Password)
		sapp := short.createApp(t, lr.AccessToken, "SCJGJ-001")
		sm := materialOfType(t, sapp, "id_card")
		r, form = short.startUpload(t, lr.AccessToken, sapp.ID, sm.MaterialID, "card.png", "image/png", len(good))
		if r.status != 201 {
			t.Fatalf("start: %d %s", r.status, r.body)
		}
		time.Sleep(time.Until(form.ExpiresAt) + 1100*time.Millisecond)
		status, body = short.post(t, form, "card.png", "image/png", good)
		if status != 403 || !strings.Contains(strings.ToLower(body), "expired") {
			t.Errorf("expired form: %d %s", status, body)
		}
		wantStatus(t, "complete an expired upload", short.complete(t, lr.AccessToken, sapp.ID, sm.MaterialID, form.UploadID), 422, "upload_rejected")
	})
}

func dialectOf(e *env) string { return e.db.Dialect() }

// storageOf is the option that gives a new env the same kind of storage as e.
func storageOf(e *env) envOption {
	if e.minio != nil {
		return onMinIO(e.minio)
	}
	return func(*envOptions) {}
}

// --- c. authorization ----------------------------------------------------------------------

// TestPreReviewAuthorization: an application is its owner's and its window's. Another
// applicant, staff of another department or of the same department at another site, an
// applicant at the review endpoints and anonymous callers get nothing; every download and
// decision is in the audit log.
func TestPreReviewAuthorization(t *testing.T) {
	eachBackend(t, false, func(t *testing.T, e *env) {
		lr, _ := e.login("13800000001", demo.Password)
		a := lr.AccessToken
		b := e.newApplicant(t, "13900000002")
		staff, _ := e.login("staff", demo.Password)
		s := staff.AccessToken
		super, _ := e.login("supervisor", demo.Password)
		otherDept := e.newStaff(t, "rsj.window", "rsj", "county")
		otherSite := e.newStaff(t, "scjgj.fushi", "scjgj", "t-fushi")

		app := e.createApp(t, a, "SCJGJ-001")
		idCard := materialOfType(t, app, "id_card")
		app = e.fill(t, a, app)
		// A pending upload of A's, started but not completed.
		_, pending := e.startUpload(t, a, app.ID, idCard.MaterialID, "again.png", "image/png", 100)
		app = e.submit(t, a, app.ID)
		bApp := e.createApp(t, b, "SCJGJ-001")

		base := "/applications/" + app.ID
		mat := base + "/materials/" + idCard.MaterialID
		reads := []string{base, base + "/events", base + "/notices", mat + "/download"}
		type call struct {
			method, path string
			body         any
		}
		writes := []call{
			{"POST", mat + "/uploads", api.UploadRequest{Filename: "x.png", ContentType: "image/png", Size: 100}},
			{"POST", mat + "/uploads/" + pending.UploadID + "/complete", nil},
			{"DELETE", mat, nil},
			{"POST", mat + "/reuse", api.ReuseRequest{LockerID: "nothing"}},
			{"POST", base + "/submit", nil},
			{"POST", base + "/withdraw", nil},
		}
		for _, p := range reads {
			wantStatus(t, "B reads "+p, e.do("GET", p, nil, bearer(b)), 404, "not_found")
			wantStatus(t, "anonymous reads "+p, e.do("GET", p, nil, nil), 401, "")
		}
		for _, c := range writes {
			wantStatus(t, "B "+c.method+" "+c.path, e.do(c.method, c.path, c.body, bearer(b)), 404, "not_found")
			wantStatus(t, "anonymous "+c.method+" "+c.path, e.do(c.method, c.path, c.body, nil), 401, "")
		}
		// A's upload id on B's own application is not B's either.
		bID := material(t, bApp, idCard.MaterialID)
		wantStatus(t, "B completes A's upload on B's application",
			e.complete(t, b, bApp.ID, bID.MaterialID, pending.UploadID), 404, "not_found")
		var mine api.ApplicationList
		e.do("GET", "/applications", nil, bearer(b)).decode(t, &mine)
		if len(mine.Applications) != 1 || mine.Applications[0].ID != bApp.ID {
			t.Errorf("B's list %+v", mine.Applications)
		}
		wantStatus(t, "anonymous creates", e.do("POST", "/applications", api.CreateApplicationRequest{ItemCode: "SCJGJ-001"}, nil), 401, "")
		wantStatus(t, "staff creates", e.do("POST", "/applications", api.CreateApplicationRequest{ItemCode: "SCJGJ-001"}, bearer(s)), 403, "forbidden")

		// Applicants and anonymous callers have no review endpoints.
		decision := api.DecisionRequest{Decision: "pass"}
		for tok, want := range map[string]int{a: 403, b: 403, "": 401} {
			h := bearer(tok)
			if tok == "" {
				h = nil
			}
			wantStatus(t, "queue", e.do("GET", "/review/queue", nil, h), want, "")
			wantStatus(t, "decide", e.do("POST", "/review/applications/"+app.ID+"/decision", decision, h), want, "")
		}
		// Supervisors read but do not decide.
		if r := e.do("GET", base, nil, bearer(super.AccessToken)); r.status != 200 {
			t.Errorf("supervisor reads: %d", r.status)
		}
		wantStatus(t, "supervisor decides", e.decide(super.AccessToken, app.ID, decision), 403, "forbidden")

		// Staff of another department, and of the right department at another site.
		for name, tok := range map[string]string{"other department": otherDept, "other site": otherSite} {
			var q api.ApplicationList
			r := e.do("GET", "/review/queue", nil, bearer(tok))
			r.decode(t, &q)
			if r.status != 200 || len(q.Applications) != 0 {
				t.Errorf("%s queue: %d %s", name, r.status, r.body)
			}
			for _, p := range reads {
				wantStatus(t, name+" reads "+p, e.do("GET", p, nil, bearer(tok)), 404, "not_found")
			}
			if r := e.decide(tok, app.ID, api.DecisionRequest{Decision: "pass", Version: app.Version}); r.status != 404 && r.status != 403 {
				t.Errorf("%s decides: %d %s", name, r.status, r.body)
			}
		}
		if now := e.getApp(t, a, app.ID); now.Status != "pre_review" {
			t.Fatalf("after refused decisions the application is %s", now.Status)
		}
		if got := e.audit(t, app.ID); len(got) != 0 {
			t.Errorf("refused calls left audit entries %+v", got)
		}

		// The right window downloads and decides; the owner downloads; all audited.
		if r, _, _ := e.download(t, s, app.ID, idCard.MaterialID); r.status != 200 {
			t.Errorf("window downloads: %d %s", r.status, r.body)
		}
		if r, _, _ := e.download(t, a, app.ID, idCard.MaterialID); r.status != 200 {
			t.Errorf("owner downloads: %d %s", r.status, r.body)
		}
		d := e.decided(t, s, app.ID, api.DecisionRequest{Decision: "pass", Version: e.getApp(t, s, app.ID).Version})
		wantStatus(t, "B reads A's notice", e.do("GET", "/notices/"+d.Notice.ID, nil, bearer(b)), 404, "not_found")
		wantStatus(t, "other department reads the notice", e.do("GET", "/notices/"+d.Notice.ID, nil, bearer(otherDept)), 404, "not_found")
		if r := e.do("GET", "/notices/"+d.Notice.ID, nil, bearer(a)); r.status != 200 {
			t.Errorf("owner reads the notice: %d", r.status)
		}
		entries := e.audit(t, app.ID)
		var got []string
		for _, en := range entries {
			got = append(got, en.Action)
			if en.ActorID == "" || en.At.IsZero() {
				t.Errorf("audit entry %+v", en)
			}
		}
		if want := []string{"download", "download", "decide:pass"}; !slices.Equal(got, want) {
			t.Errorf("audit %v, want %v", got, want)
		} else {
			if entries[0].ActorID != staff.User.ID || entries[1].ActorID != lr.User.ID || entries[2].ActorID != staff.User.ID {
				t.Errorf("audit actors %+v", entries)
			}
			if !strings.Contains(entries[0].Detail, idCard.MaterialID) || entries[2].Detail != d.Notice.Code {
				t.Errorf("audit details %+v", entries)
			}
		}
	})
}

// --- d. two reviewers at once --------------------------------------------------------------

// TestDecisionRace: two window staff decide the same application at the same version at the
// same moment; exactly one decision is taken, the other gets 409; the winner's retry gets
// its own notice back, and nothing else.
func TestDecisionRace(t *testing.T) {
	eachBackend(t, false, func(t *testing.T, e *env) {
		lr, _ := e.login("13800000001", demo.Password)
		a := lr.AccessToken
		staff, _ := e.login("staff", demo.Password)
		s1, s2 := staff.AccessToken, e.newStaff(t, "scjgj.second", "scjgj", "county")
		for round := range 3 {
			app := e.submitted(t, a, "SCJGJ-002")
			seen := e.getApp(t, s1, app.ID)
			idCard := materialOfType(t, seen, "id_card")
			reqs := []api.DecisionRequest{
				{Decision: "pass", Version: seen.Version},
				{Decision: "correct", Version: seen.Version, Materials: []api.MaterialVerdict{{MaterialID: idCard.MaterialID, Verdict: "deficient", Reason: "照片不清晰"}}},
			}
			toks := []string{s1, s2}
			if round%2 == 1 {
				toks[0], toks[1] = s2, s1
			}
			bodies := []any{reqs[0], reqs[1]}
			replies, win := e.duel(t, fmt.Sprintf("round %d", round), "/review/applications/"+app.ID+"/decision", bodies, toks, "invalid_state")
			lose := 1 - win
			var first api.Decision
			replies[win].decode(t, &first)

			// The winner's retry (a dropped connection) answers the same notice.
			r := e.decide(toks[win], app.ID, reqs[win])
			var again api.Decision
			if r.status == 200 {
				r.decode(t, &again)
			}
			if r.status != 200 || again.Notice.Code != first.Notice.Code || again.Notice.ID != first.Notice.ID {
				t.Errorf("winner's retry: %d %s, want notice %s", r.status, r.body, first.Notice.Code)
			}
			// The loser's retry, and the winner changing its mind, stay refused.
			wantStatus(t, "loser's retry", e.decide(toks[lose], app.ID, reqs[lose]), 409, "invalid_state")
			wantStatus(t, "winner decides otherwise", e.decide(toks[win], app.ID, reqs[lose]), 409, "invalid_state")

			final := e.getApp(t, a, app.ID)
			wantApp := map[string]string{"pass": "passed", "correct": "needs_correction"}[reqs[win].Decision]
			if final.Status != wantApp || final.NoticeID != first.Notice.ID {
				t.Errorf("round %d: application %s with notice %s, winner said %s", round, final.Status, final.NoticeID, reqs[win].Decision)
			}
			var notices api.NoticeList
			e.do("GET", "/applications/"+app.ID+"/notices", nil, bearer(a)).decode(t, &notices)
			decisions := 0
			for _, ev := range e.events(t, a, app.ID) {
				if ev.Action == "passed" || ev.Action == "correction_requested" {
					decisions++
				}
			}
			var decides int
			for _, en := range e.audit(t, app.ID) {
				if strings.HasPrefix(en.Action, "decide:") {
					decides++
				}
			}
			if len(notices.Notices) != 1 || decisions != 1 || decides != 1 {
				t.Errorf("round %d: %d notices, %d decision events, %d audited decisions", round, len(notices.Notices), decisions, decides)
			}
		}

		// A decision at a version the reviewer no longer sees is refused.
		app := e.submitted(t, a, "SCJGJ-002")
		stale := e.getApp(t, s1, app.ID).Version
		idCard := materialOfType(t, app, "id_card")
		e.decided(t, s2, app.ID, api.DecisionRequest{Decision: "correct", Version: stale,
			Materials: []api.MaterialVerdict{{MaterialID: idCard.MaterialID, Verdict: "deficient", Reason: "过期"}}})
		name, ctype, data := fileFor(idCard, "renewed")
		e.attach(t, a, app.ID, idCard.MaterialID, name, ctype, data)
		e.submit(t, a, app.ID)
		wantStatus(t, "decision at a stale version", e.decide(s1, app.ID, api.DecisionRequest{Decision: "pass", Version: stale}), 409, "invalid_state")
	})
}

// send is e.do for other goroutines: it reports transport errors instead of failing.
// duel POSTs two requests to path at the same instant, the i-th with bodies[i] as toks[i],
// and checks that exactly one wins (200) and the other loses with 409 loserCode. It
// returns both replies and the winner's index.
func (e *env) duel(t *testing.T, what, path string, bodies []any, toks []string, loserCode string) ([]reply, int) {
	t.Helper()
	replies := make([]reply, 2)
	errs := make([]error, 2)
	var ready, done sync.WaitGroup
	start := make(chan struct{})
	for i := range 2 {
		ready.Add(1)
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Done()
			<-start
			replies[i], errs[i] = send(e.url, "POST", path, bodies[i], bearer(toks[i]))
		}()
	}
	ready.Wait()
	close(start)
	done.Wait()
	if errs[0] != nil || errs[1] != nil {
		t.Fatal(errs)
	}
	win := -1
	for i, r := range replies {
		switch r.status {
		case 200:
			if win >= 0 {
				t.Fatalf("%s: both requests won", what)
			}
			win = i
		case 409:
			if code := r.errBody(t).Code; code != loserCode {
				t.Errorf("%s: loser's code %s, want %s", what, code, loserCode)
			}
		default:
			t.Fatalf("%s: request %d: %d %s", what, i, r.status, r.body)
		}
	}
	if win < 0 {
		t.Fatalf("%s: neither won: %d %s / %d %s", what, replies[0].status, replies[0].body, replies[1].status, replies[1].body)
	}
	return replies, win
}

func send(base, method, path string, body any, hdr map[string]string) (reply, error) {
	j, _ := json.Marshal(body)
	req, err := http.NewRequest(method, base+api.Base+path, bytes.NewReader(j))
	if err != nil {
		return reply{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return reply{status: res.StatusCode, body: b, header: res.Header}, err
}

// --- e. the locker -------------------------------------------------------------------------

// TestLocker: a document the window found fine goes to its owner's locker; another item's
// application takes it without an upload, and its window sees that it was verified, when and
// by whom. It fits only a material of the same type, and only its owner's applications.
func TestLocker(t *testing.T) {
	eachBackend(t, false, func(t *testing.T, e *env) {
		lr, _ := e.login("13800000001", demo.Password)
		a := lr.AccessToken
		b := e.newApplicant(t, "13900000003")
		staff, _ := e.login("staff", demo.Password)
		s := staff.AccessToken

		var locker api.Locker
		e.do("GET", "/locker", nil, bearer(a)).decode(t, &locker)
		if len(locker.Entries) != 0 {
			t.Fatalf("fresh locker %+v", locker.Entries)
		}
		// Company registration: the window marks the ID card fine and passes.
		first := e.createApp(t, a, "SCJGJ-001")
		idCard := materialOfType(t, first, "id_card")
		cardName, cardType, card := "shareholder-id.png", "image/png", pngFile("张明的身份证")
		first = e.attach(t, a, first.ID, idCard.MaterialID, cardName, cardType, card)
		first = e.fill(t, a, first, idCard.MaterialID)
		first = e.submit(t, a, first.ID)
		e.decided(t, s, first.ID, api.DecisionRequest{Decision: "pass", Version: e.getApp(t, s, first.ID).Version,
			Materials: []api.MaterialVerdict{{MaterialID: idCard.MaterialID, Verdict: "ok"}}})
		e.do("GET", "/locker", nil, bearer(a)).decode(t, &locker)
		var entry api.LockerEntry
		types := map[string]bool{}
		for _, en := range locker.Entries {
			types[en.TypeCode] = true
			if en.TypeCode == "id_card" {
				entry = en
			}
		}
		if entry.ID == "" || entry.Filename != cardName || entry.Size != int64(len(card)) || entry.VerifiedAt.IsZero() || entry.Name == "" {
			t.Fatalf("locker %+v", locker.Entries)
		}
		// Passing the application passes its other typed documents too.
		if !types["premises_proof"] {
			t.Errorf("after a pass the locker holds %v, want premises_proof too", types)
		}
		e.do("GET", "/locker", nil, bearer(b)).decode(t, &locker)
		if len(locker.Entries) != 0 {
			t.Errorf("B's locker shows A's documents: %+v", locker.Entries)
		}

		// Sole proprietorship (another item, same department): the ID card comes from the locker.
		second := e.createApp(t, a, "SCJGJ-002")
		card2 := materialOfType(t, second, "id_card")
		reuse := func(tok, appID, matID, lockerID string) reply {
			return e.do("POST", "/applications/"+appID+"/materials/"+matID+"/reuse", api.ReuseRequest{LockerID: lockerID}, bearer(tok))
		}
		r := reuse(a, second.ID, card2.MaterialID, entry.ID)
		if r.status != 200 {
			t.Fatalf("reuse: %d %s", r.status, r.body)
		}
		var got api.Application
		r.decode(t, &got)
		if m := material(t, got, card2.MaterialID); m.Status != "uploaded" || m.Filename != cardName || m.SHA256 != sha(card) || m.FromLocker == nil {
			t.Errorf("reused material %+v", m)
		}
		// Not into a material of another type, nor one without a type.
		premises := materialOfType(t, second, "premises_proof")
		wantStatus(t, "reuse an ID card as premises proof", reuse(a, second.ID, premises.MaterialID, entry.ID), 422, "invalid")
		wantStatus(t, "reuse into an untyped material", reuse(a, second.ID, pdfOnlyMaterial(t, second).MaterialID, entry.ID), 422, "invalid")
		wantStatus(t, "reuse a made-up entry", reuse(a, second.ID, card2.MaterialID, "nosuchentry"), 404, "not_found")
		// B cannot use A's entry, not even in B's own application of the same item.
		bApp := e.createApp(t, b, "SCJGJ-002")
		wantStatus(t, "B reuses A's entry", reuse(b, bApp.ID, materialOfType(t, bApp, "id_card").MaterialID, entry.ID), 404, "not_found")
		if m := material(t, e.getApp(t, b, bApp.ID), card2.MaterialID); m.Status != "missing" {
			t.Errorf("B's material after a refused reuse %+v", m)
		}

		second = e.fill(t, a, e.getApp(t, a, second.ID), card2.MaterialID)
		second = e.submit(t, a, second.ID)
		// The window sees where the card came from: verified when and by whom, in which case.
		view := e.getApp(t, s, second.ID)
		fl := material(t, view, card2.MaterialID).FromLocker
		if fl == nil || fl.VerifiedAt.IsZero() || fl.VerifiedBy != "李窗口" || fl.CaseNo != first.CaseNo {
			t.Errorf("staff view of the reused card: %+v", fl)
		}
		if fl != nil && !fl.VerifiedAt.Equal(entry.VerifiedAt) {
			t.Errorf("verified_at %v, locker says %v", fl.VerifiedAt, entry.VerifiedAt)
		}
		// And reads the same bytes.
		if r, body, _ := e.download(t, s, second.ID, card2.MaterialID); r.status != 200 || !bytes.Equal(body, card) {
			t.Errorf("download of the reused card: %d, %d bytes", r.status, len(body))
		}
		// Passing again does not file the same document twice.
		e.decided(t, s, second.ID, api.DecisionRequest{Decision: "pass", Version: view.Version,
			Materials: []api.MaterialVerdict{{MaterialID: card2.MaterialID, Verdict: "ok"}}})
		e.do("GET", "/locker", nil, bearer(a)).decode(t, &locker)
		n := 0
		for _, en := range locker.Entries {
			if en.TypeCode == "id_card" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d id_card entries after passing the reused card", n)
		}

		// Marking a document fine in a correction files it too (the case is not over).
		third := e.submitted(t, b, "SCJGJ-002")
		bCard := materialOfType(t, third, "id_card")
		bPremises := materialOfType(t, third, "premises_proof")
		e.decided(t, s, third.ID, api.DecisionRequest{Decision: "correct", Version: e.getApp(t, s, third.ID).Version,
			Materials: []api.MaterialVerdict{{MaterialID: bCard.MaterialID, Verdict: "ok"}, {MaterialID: bPremises.MaterialID, Verdict: "deficient", Reason: "租赁合同已过期"}}})
		e.do("GET", "/locker", nil, bearer(b)).decode(t, &locker)
		if len(locker.Entries) != 1 || locker.Entries[0].TypeCode != "id_card" {
			t.Errorf("B's locker after a correction %+v", locker.Entries)
		}
	})
}
