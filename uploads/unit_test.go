package uploads_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"portal/uploads"
)

func TestSniffAndTypes(t *testing.T) {
	for _, c := range []struct {
		head   []byte
		format string
	}{
		{filePDF, "pdf"}, {fileJPG, "jpg"}, {filePNG, "png"},
		{[]byte("%PDF"), ""}, {[]byte{0xFF, 0xD8}, ""}, {filePNG[:7], ""},
		{[]byte(" %PDF-1.4"), ""}, {[]byte("<html>"), ""}, {nil, ""},
		{[]byte("GIF89a"), ""},
	} {
		if got := uploads.Sniff(c.head); got != c.format {
			t.Errorf("Sniff(%q) = %q, want %q", c.head, got, c.format)
		}
	}
	for ct, f := range map[string]string{
		"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png", "Image/PNG": "png",
		"image/png; charset=x": "png", "image/jpg": "", "text/html": "", "": "", "application/pdf;": "pdf",
	} {
		if got := uploads.FormatOf(ct); got != f {
			t.Errorf("FormatOf(%q) = %q, want %q", ct, got, f)
		}
	}
	for f, ct := range map[string]string{"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "", "": ""} {
		if got := uploads.ContentTypeOf(f); got != ct {
			t.Errorf("ContentTypeOf(%q) = %q, want %q", f, got, ct)
		}
	}
}

func TestContentDisposition(t *testing.T) {
	for _, c := range []struct{ kind, name, want string }{
		{"inline", "report.pdf", `inline; filename="report.pdf"; filename*=UTF-8''report.pdf`},
		{"inline", "营业执照.pdf", `inline; filename="file.pdf"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf`},
		{"attachment", "", `attachment; filename="file"; filename*=UTF-8''file`},
		{"inline", "../../etc/passwd", `inline; filename="passwd"; filename*=UTF-8''passwd`},
		{"inline", `C:\fakepath\a"b.png`, `inline; filename="a'b.png"; filename*=UTF-8''a%27b.png`},
		{"inline", "evil\u202egnp.exe", `inline; filename="evilgnp.exe"; filename*=UTF-8''evilgnp.exe`},
		{"inline", "100%;x.pdf", `inline; filename="100_x.pdf"; filename*=UTF-8''100%25%3Bx.pdf`},
		{"inline", " .. ", `inline; filename="file"; filename*=UTF-8''file`},
		{"bogus", "a.pdf", `inline; filename="a.pdf"; filename*=UTF-8''a.pdf`},
		{"inline", "身份证 正面.jpg", `inline; filename="file.jpg"; filename*=UTF-8''%E8%BA%AB%E4%BB%BD%E8%AF%81%20%E6%AD%A3%E9%9D%A2.jpg`},
	} {
		if got := uploads.ContentDisposition(c.kind, c.name); got != c.want {
			t.Errorf("ContentDisposition(%q, %q)\n got %s\nwant %s", c.kind, c.name, got, c.want)
		}
	}
	long := strings.Repeat("长", 300) + ".pdf"
	if got := uploads.SafeFilename(long); len([]rune(got)) != 120 || !strings.HasSuffix(got, "长.pdf") {
		t.Errorf("SafeFilename(300 runes) = %q (%d runes)", got, len([]rune(got)))
	}
}

func TestValidKey(t *testing.T) {
	for _, k := range []string{"a", "materials/abc/m1/x7k2", "A-b_c.d/e"} {
		if err := uploads.ValidKey(k); err != nil {
			t.Errorf("ValidKey(%q) = %v", k, err)
		}
	}
	if err := uploads.ValidKey(strings.Repeat("a", 513)); !errors.Is(err, uploads.ErrBadKey) {
		t.Errorf("long key: %v", err)
	}
}

// failing wraps a Store, failing chosen calls and recording deletes.
type failing struct {
	uploads.Store
	statErr, openErr, readErr error
	deleted                   []string
}

func (f *failing) Stat(ctx context.Context, key string) (uploads.ObjectInfo, error) {
	if f.statErr != nil {
		return uploads.ObjectInfo{}, f.statErr
	}
	return f.Store.Stat(ctx, key)
}

func (f *failing) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if f.openErr != nil {
		return nil, f.openErr
	}
	rc, err := f.Store.Open(ctx, key)
	if err != nil || f.readErr == nil {
		return rc, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.MultiReader(io.LimitReader(rc, 600), errReader{f.readErr}), rc}, nil
}

func (f *failing) Delete(ctx context.Context, key string) error {
	f.deleted = append(f.deleted, key)
	return f.Store.Delete(ctx, key)
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

// TestVerifyStorageFailureKeepsObject: an outage during Verify is returned as it is and
// deletes nothing, so completing can be retried.
func TestVerifyStorageFailureKeepsObject(t *testing.T) {
	b := newDisk(t)
	key := newKey("keep")
	big := append(append([]byte{}, filePDF...), bytes.Repeat([]byte("z"), 4000)...)
	b.upload(t, key, "application/pdf", 1<<20, big)
	down := errors.Join(uploads.ErrUnavailable, errors.New("connection refused"))
	want := uploads.Expect{ContentType: "application/pdf", MaxBytes: 1 << 20, Formats: []string{"pdf"}}
	for name, f := range map[string]*failing{
		"stat": {statErr: down},
		"open": {openErr: down},
		"read": {readErr: down},
	} {
		f.Store = b.store
		_, err := uploads.Verify(context.Background(), f, key, want)
		var ve *uploads.VerifyError
		if !errors.Is(err, uploads.ErrUnavailable) || errors.As(err, &ve) || len(f.deleted) != 0 {
			t.Errorf("%s failing: err %v, deleted %v", name, err, f.deleted)
		}
	}
	if v, err := uploads.Verify(context.Background(), b.store, key, want); err != nil || v.SHA256 != sum(big) {
		t.Fatalf("Verify after the outage: %+v %v", v, err)
	}
}

// TestDiskLimitsLeaveNoTempFiles: refused and interrupted uploads leave nothing behind.
func TestDiskLimitsLeaveNoTempFiles(t *testing.T) {
	dir := t.TempDir()
	d := uploads.NewDisk(dir, []byte("secret-secret-secret-secret-1234"), "/u", nil)
	srv := httptest.NewServer(http.StripPrefix("/u", d.Handler())) // mounted with StripPrefix
	t.Cleanup(srv.Close)
	base, _ := url.Parse(srv.URL)
	b := &backend{name: "disk", store: d, base: base}
	ctx := context.Background()

	form, err := d.UploadForm(ctx, "k/big", "application/pdf", 100, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := b.post(t, form, nil, "a.pdf", bytes.Repeat([]byte("x"), 101)); code != 400 {
		t.Fatalf("oversize: %d", code)
	}
	if code, _ := b.post(t, form, nil, "a.pdf", nil); code != 400 {
		t.Fatalf("empty: %d", code)
	}
	// A body cut off mid-file.
	body := "--B\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk/big\r\n"
	for k, v := range form.Fields {
		if k != "key" {
			body += "--B\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n"
		}
	}
	body += "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4 cut"
	resp, err := http.Post(srv.URL+"/u/upload", "multipart/form-data; boundary=B", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 400 {
		t.Fatalf("cut body: %d", resp.StatusCode)
	}
	// The file before the fields: S3 ignores fields after the file, so there is no policy.
	body = "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--B--\r\n"
	resp, err = http.Post(srv.URL+"/u/upload", "multipart/form-data; boundary=B", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("file first: %d", resp.StatusCode)
	}
	if _, err := d.Stat(ctx, "k/big"); !errors.Is(err, uploads.ErrNotFound) {
		t.Fatalf("Stat: %v", err)
	}
	tmp, _ := os.ReadDir(filepath.Join(dir, "tmp"))
	objs, _ := os.ReadDir(filepath.Join(dir, "objects"))
	if len(tmp) != 0 || len(objs) != 0 {
		t.Fatalf("left behind: tmp %v, objects %v", tmp, objs)
	}
	for _, u := range []string{"/u/object?t=x&s=y", "/u/object"} {
		resp, err := http.Get(srv.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 {
			t.Errorf("GET %s: %d", u, resp.StatusCode)
		}
	}
	u, _ := d.DownloadURL(ctx, "k/none", "a.pdf", "application/pdf", time.Minute)
	resp, err = http.Get(b.resolve(t, u))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("GET of a missing object: %d", resp.StatusCode)
	}
}

// TestDiskClockAndSecret: expiry follows the injected clock; another secret's forms and
// links are refused; an absolute prefix gives absolute URLs.
func TestDiskClockAndSecret(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	d := uploads.NewDisk(dir, []byte("secret-one-secret-one-secret-one"), srv.URL+"/files", clock)
	other := uploads.NewDisk(dir, []byte("secret-two-secret-two-secret-two"), srv.URL+"/files", clock)
	mux.Handle("/files/", d.Handler())
	b := &backend{name: "disk", store: d}
	ctx := context.Background()

	form, err := d.UploadForm(ctx, "k/a", "application/pdf", 1000, 10*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if form.URL != srv.URL+"/files/upload" || !form.ExpiresAt.Equal(now.Add(10*time.Minute)) {
		t.Fatalf("form %s expires %v", form.URL, form.ExpiresAt)
	}
	forged, _ := other.UploadForm(ctx, "k/a", "application/pdf", 1000, 10*time.Minute)
	if code, _ := b.post(t, forged, nil, "a.pdf", filePDF); code != 403 {
		t.Fatalf("form signed with another secret: %d", code)
	}
	now = now.Add(10 * time.Minute)
	if code, _ := b.post(t, form, nil, "a.pdf", filePDF); code != 403 {
		t.Fatalf("form at its expiry: %d", code)
	}
	now = now.Add(-time.Second)
	if code, _ := b.post(t, form, nil, "a.pdf", filePDF); code != 204 {
		t.Fatalf("form a second before expiry: %d", code)
	}
	link, _ := other.DownloadURL(ctx, "k/a", "a.pdf", "application/pdf", time.Minute)
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("link signed with another secret: %d", resp.StatusCode)
	}
	// Range requests work (PDF viewers use them).
	link, _ = d.DownloadURL(ctx, "k/a", "a.pdf", "application/pdf", time.Minute)
	req, _ := http.NewRequest(http.MethodGet, link, nil)
	req.Header.Set("Range", "bytes=0-4")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusPartialContent || string(got) != "%PDF-" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("range GET: %d %q %q", resp.StatusCode, got, resp.Header)
	}
}

// TestDiskUnwritable: a data directory that cannot be written is ErrUnavailable.
func TestDiskUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	os.WriteFile(file, []byte("x"), 0o600)
	d := uploads.NewDisk(file, []byte("secret-secret-secret-secret-1234"), "/u", nil)
	ctx := context.Background()
	if err := d.Ping(ctx); !errors.Is(err, uploads.ErrUnavailable) {
		t.Errorf("Ping: %v", err)
	}
	if _, err := d.UploadForm(ctx, "k/a", "application/pdf", 10, time.Minute); !errors.Is(err, uploads.ErrUnavailable) {
		t.Errorf("UploadForm: %v", err)
	}
	if _, err := d.Stat(ctx, "k/a"); !errors.Is(err, uploads.ErrUnavailable) {
		t.Errorf("Stat: %v", err)
	}
}
