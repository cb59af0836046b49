package uploads_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"portal/uploads"
	"portal/uploads/uploadstest"
)

// backend is one Store under test plus what a browser needs to talk to it.
type backend struct {
	name  string
	store uploads.Store
	base  *url.URL // resolves the disk backend's relative URLs
	// retarget rewrites a presigned download URL of key from to name key to instead,
	// keeping the signature: what an applicant would try to read someone else's file.
	retarget func(u, from, to string) string
}

func newDisk(t *testing.T) *backend {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	d := uploads.NewDisk(t.TempDir(), []byte("0123456789abcdef0123456789abcdef"), "/uploads/disk", nil)
	mux.Handle("/uploads/disk/", d.Handler())
	base, _ := url.Parse(srv.URL)
	return &backend{name: "disk", store: d, base: base, retarget: func(u, from, to string) string {
		pu, _ := url.Parse(u)
		q := pu.Query()
		js, _ := base64.RawURLEncoding.DecodeString(q.Get("t"))
		var tok map[string]any
		json.Unmarshal(js, &tok)
		tok["key"] = to
		js, _ = json.Marshal(tok)
		q.Set("t", base64.RawURLEncoding.EncodeToString(js))
		pu.RawQuery = q.Encode()
		return pu.String()
	}}
}

func newMinIO(t *testing.T) (*backend, *uploadstest.MinIOServer, *uploads.MinIO) {
	srv := uploadstest.StartMinIO(t)
	m := mustMinIO(t, srv, "materials")
	return &backend{name: "minio", store: m, retarget: func(u, from, to string) string {
		return strings.Replace(u, "/"+from+"?", "/"+to+"?", 1)
	}}, srv, m
}

// mustMinIO connects with PublicEndpoint "localhost:<port>", a different host name for
// the same server, so the tests see presigned URLs use it and that they work.
func mustMinIO(t *testing.T, srv *uploadstest.MinIOServer, bucket string) *uploads.MinIO {
	t.Helper()
	_, port, _ := strings.Cut(srv.Endpoint, ":")
	m, err := uploads.NewMinIO(context.Background(), uploads.MinIOConfig{
		Endpoint: srv.Endpoint, PublicEndpoint: "localhost:" + port,
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey, Bucket: bucket,
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestContract(t *testing.T) {
	t.Run("disk", func(t *testing.T) {
		t.Parallel()
		contract(t, newDisk(t))
	})
	t.Run("minio", func(t *testing.T) {
		t.Parallel()
		b, srv, _ := newMinIO(t)
		contract(t, b)
		t.Run("PrivateBucket", func(t *testing.T) {
			t.Parallel()
			minioPrivateBucket(t, b, srv)
		})
		t.Run("PublicEndpoint", func(t *testing.T) {
			t.Parallel()
			minioPublicEndpoint(t, srv)
		})
		t.Run("BadCredentials", func(t *testing.T) {
			t.Parallel()
			minioBadCredentials(t, srv)
		})
	})
}

// Test files: real, tiny PDF, JPEG and PNG.
var (
	filePDF = []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
	fileJPG = func() []byte {
		var b bytes.Buffer
		jpeg.Encode(&b, testImage(), nil)
		return b.Bytes()
	}()
	filePNG = func() []byte {
		var b bytes.Buffer
		png.Encode(&b, testImage())
		return b.Bytes()
	}()
)

func testImage() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{200, 30, 30, 255})
	}
	return img
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

var keySeq atomic.Int64

// newKey is a fresh server-style key.
func newKey(what string) string {
	n := keySeq.Add(1)
	return fmt.Sprintf("materials/app%d/m1/%s-%d-%d", n%7, what, n, time.Now().UnixNano())
}

func (b *backend) resolve(t *testing.T, u string) string {
	t.Helper()
	if b.base == nil {
		return u
	}
	ref, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	return b.base.ResolveReference(ref).String()
}

// post uploads content as a browser would: the form's fields (after edit), then the file.
func (b *backend) post(t *testing.T, form uploads.UploadForm, edit func(map[string]string), filename string, content []byte) (int, string) {
	t.Helper()
	fields := map[string]string{}
	for k, v := range form.Fields {
		fields[k] = v
	}
	if edit != nil {
		edit(fields)
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	names := make([]string, 0, len(fields))
	for k := range fields {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		mw.WriteField(k, fields[k])
	}
	// The part's own type is what a browser guesses; storage must go by the form field.
	fw, _ := mw.CreateFormFile("file", filename)
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest(form.Method, b.resolve(t, form.URL), &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", form.URL, err)
	}
	defer resp.Body.Close()
	rb, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		t.Logf("%s: POST refused: %d %s", b.name, resp.StatusCode, rb)
	}
	return resp.StatusCode, string(rb)
}

// upload presigns key and posts content, failing the test unless storage accepts it.
func (b *backend) upload(t *testing.T, key, contentType string, max int64, content []byte) {
	t.Helper()
	form, err := b.store.UploadForm(context.Background(), key, contentType, max, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	if code, body := b.post(t, form, nil, "x", content); code/100 != 2 {
		t.Fatalf("upload %s: %d %s", key, code, body)
	}
}

func (b *backend) mustBeGone(t *testing.T, key string) {
	t.Helper()
	if info, err := b.store.Stat(context.Background(), key); !errors.Is(err, uploads.ErrNotFound) {
		t.Fatalf("Stat(%s) = %+v, %v; want ErrNotFound", key, info, err)
	}
}

func errCode(body string) string {
	_, rest, ok := strings.Cut(body, "<Code>")
	if !ok {
		return ""
	}
	code, _, _ := strings.Cut(rest, "</Code>")
	return code
}

func contract(t *testing.T, b *backend) {
	ctx := context.Background()
	s := b.store

	t.Run("Ping", func(t *testing.T) {
		t.Parallel()
		if err := s.Ping(ctx); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("UploadWithinLimits", func(t *testing.T) {
		t.Parallel()
		key := newKey("ok")
		form, err := s.UploadForm(ctx, key, "application/pdf", 1024, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if form.Method != http.MethodPost || form.Fields["key"] != key || form.Fields["Content-Type"] != "application/pdf" {
			t.Fatalf("form = %+v", form)
		}
		if d := time.Until(form.ExpiresAt); d < 50*time.Second || d > 61*time.Second {
			t.Fatalf("ExpiresAt in %v", d)
		}
		if b.name == "minio" && !strings.HasPrefix(form.URL, "http://localhost:") {
			t.Fatalf("upload URL %s does not use the public endpoint", form.URL)
		}
		if code, body := b.post(t, form, nil, "营业执照.pdf", filePDF); code/100 != 2 {
			t.Fatalf("POST: %d %s", code, body)
		}
		info, err := s.Stat(ctx, key)
		if err != nil || info.Size != int64(len(filePDF)) || info.ContentType != "application/pdf" {
			t.Fatalf("Stat = %+v, %v", info, err)
		}
		rc, err := s.Open(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, filePDF) {
			t.Fatalf("Open read %q, %v", got, err)
		}
	})

	t.Run("ExactlyMaxBytes", func(t *testing.T) {
		t.Parallel()
		key := newKey("max")
		b.upload(t, key, "application/pdf", int64(len(filePDF)), filePDF)
	})

	t.Run("OversizeRefusedByStorage", func(t *testing.T) {
		t.Parallel()
		key := newKey("big")
		form, err := s.UploadForm(ctx, key, "application/pdf", 1000, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		big := append(append([]byte{}, filePDF...), bytes.Repeat([]byte("x"), 1001-len(filePDF))...)
		code, body := b.post(t, form, nil, "big.pdf", big)
		if code != http.StatusBadRequest || errCode(body) != "EntityTooLarge" {
			t.Fatalf("oversize POST: %d %s", code, body)
		}
		b.mustBeGone(t, key)
	})

	t.Run("FarOversizeRefusedByStorage", func(t *testing.T) {
		t.Parallel()
		key := newKey("huge")
		form, err := s.UploadForm(ctx, key, "application/pdf", 64<<10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		code, body := b.post(t, form, nil, "huge.pdf", bytes.Repeat([]byte("y"), 8<<20))
		if code != http.StatusBadRequest || errCode(body) != "EntityTooLarge" {
			t.Fatalf("8 MiB POST under 64 KiB policy: %d %s", code, body)
		}
		b.mustBeGone(t, key)
	})

	t.Run("EmptyFileRefusedByStorage", func(t *testing.T) {
		t.Parallel()
		key := newKey("empty")
		form, err := s.UploadForm(ctx, key, "application/pdf", 1000, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if code, body := b.post(t, form, nil, "empty.pdf", nil); code != http.StatusBadRequest {
			t.Fatalf("empty POST: %d %s", code, body)
		}
		b.mustBeGone(t, key)
	})

	t.Run("OtherKeyRefused", func(t *testing.T) {
		t.Parallel()
		mine, theirs := newKey("mine"), newKey("theirs")
		b.upload(t, theirs, "application/pdf", 1024, filePDF)
		form, err := s.UploadForm(ctx, mine, "application/pdf", 1024, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		evil := append([]byte("%PDF-1.4 evil"), 0)
		code, body := b.post(t, form, func(f map[string]string) { f["key"] = theirs }, "x.pdf", evil)
		if code != http.StatusForbidden {
			t.Fatalf("POST to another key: %d %s", code, body)
		}
		code, body = b.post(t, form, func(f map[string]string) { f["key"] = newKey("new") }, "x.pdf", evil)
		if code != http.StatusForbidden {
			t.Fatalf("POST to a new key: %d %s", code, body)
		}
		b.mustBeGone(t, mine)
		rc, err := s.Open(ctx, theirs)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.Equal(got, filePDF) {
			t.Fatalf("their object was overwritten: %q", got)
		}
	})

	t.Run("OtherContentTypeRefused", func(t *testing.T) {
		t.Parallel()
		key := newKey("ctype")
		form, err := s.UploadForm(ctx, key, "image/png", 1024, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		code, body := b.post(t, form, func(f map[string]string) { f["Content-Type"] = "text/html" }, "x.html", []byte("<script>alert(1)</script>"))
		if code != http.StatusForbidden {
			t.Fatalf("POST with another Content-Type: %d %s", code, body)
		}
		b.mustBeGone(t, key)
	})

	t.Run("FieldsOutsidePolicyRefused", func(t *testing.T) {
		t.Parallel()
		key := newKey("extra")
		form, err := s.UploadForm(ctx, key, "application/pdf", 1024, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		for _, extra := range []string{"x-amz-meta-owner", "Content-Encoding", "Content-Disposition", "success_action_redirect"} {
			code, body := b.post(t, form, func(f map[string]string) { f[extra] = "gzip" }, "x.pdf", filePDF)
			if code != http.StatusForbidden {
				t.Fatalf("POST with field %s: %d %s", extra, code, body)
			}
		}
		b.mustBeGone(t, key)
	})

	t.Run("TamperedPolicyRefused", func(t *testing.T) {
		t.Parallel()
		key := newKey("tamper")
		form, err := s.UploadForm(ctx, key, "application/pdf", 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		js, _ := base64.StdEncoding.DecodeString(form.Fields["policy"])
		js = bytes.Replace(js, []byte("10"), []byte("99999"), 1)
		code, body := b.post(t, form, func(f map[string]string) { f["policy"] = base64.StdEncoding.EncodeToString(js) }, "x.pdf", filePDF)
		if code != http.StatusForbidden {
			t.Fatalf("POST with an edited policy: %d %s", code, body)
		}
		b.mustBeGone(t, key)
	})

	t.Run("ExpiredPolicyRefused", func(t *testing.T) {
		t.Parallel()
		key := newKey("late")
		form, err := s.UploadForm(ctx, key, "application/pdf", 1024, time.Second)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * time.Second)
		if code, body := b.post(t, form, nil, "late.pdf", filePDF); code != http.StatusForbidden {
			t.Fatalf("POST after expiry: %d %s", code, body)
		}
		b.mustBeGone(t, key)
	})

	t.Run("BadArgumentsRefused", func(t *testing.T) {
		t.Parallel()
		for _, key := range []string{"", "../x", "/abs", "a//b", `a\b`, "a/./b", "a/../b", "a/b/", "名字.pdf", "a b", "a/${filename}"} {
			if _, err := s.UploadForm(ctx, key, "application/pdf", 10, time.Minute); err == nil {
				t.Errorf("UploadForm(key %q) accepted", key)
			}
			if _, err := s.Stat(ctx, key); err == nil || errors.Is(err, uploads.ErrNotFound) {
				t.Errorf("Stat(key %q) = %v, want an invalid key error", key, err)
			}
		}
		for _, ct := range []string{"", "pdf", `application/pdf"],["starts-with","$key",""]`, "application/pdf; x=1", "image/png\r\nX: y"} {
			if _, err := s.UploadForm(ctx, newKey("ct"), ct, 10, time.Minute); err == nil {
				t.Errorf("UploadForm(content type %q) accepted", ct)
			}
		}
		if _, err := s.UploadForm(ctx, newKey("z"), "application/pdf", 0, time.Minute); err == nil {
			t.Error("UploadForm(maxBytes 0) accepted")
		}
	})

	t.Run("VerifyGood", func(t *testing.T) {
		t.Parallel()
		for _, c := range []struct {
			ctype, format string
			data          []byte
		}{{"application/pdf", "pdf", filePDF}, {"image/jpeg", "jpg", fileJPG}, {"image/png", "png", filePNG}} {
			key := newKey(c.format)
			b.upload(t, key, c.ctype, 1<<20, c.data)
			v, err := uploads.Verify(ctx, s, key, uploads.Expect{ContentType: c.ctype, MaxBytes: 1 << 20, Formats: []string{"pdf", "jpg", "png"}})
			if err != nil {
				t.Fatalf("%s: %v", c.format, err)
			}
			want := uploads.Verified{Size: int64(len(c.data)), SHA256: sum(c.data), Format: c.format, ContentType: c.ctype}
			if v != want {
				t.Fatalf("Verify = %+v, want %+v", v, want)
			}
			if _, err := s.Stat(ctx, key); err != nil {
				t.Fatalf("verified object: %v", err)
			}
		}
	})

	refused := func(t *testing.T, err error, reason, key string) {
		t.Helper()
		var ve *uploads.VerifyError
		if !errors.As(err, &ve) || ve.Reason != reason {
			t.Fatalf("Verify error = %v, want reason %s", err, reason)
		}
		if ve.DeleteErr != nil {
			t.Fatalf("delete after refusal: %v", ve.DeleteErr)
		}
		b.mustBeGone(t, key)
	}

	t.Run("VerifyContentMismatch", func(t *testing.T) {
		t.Parallel()
		key := newKey("fakepng")
		b.upload(t, key, "image/png", 1<<20, filePDF)
		_, err := uploads.Verify(ctx, s, key, uploads.Expect{ContentType: "image/png", MaxBytes: 1 << 20, Formats: []string{"png", "pdf"}})
		refused(t, err, uploads.ReasonContentMismatch, key)

		key = newKey("junk")
		b.upload(t, key, "application/pdf", 1<<20, []byte("<html><script>alert(1)</script>"))
		_, err = uploads.Verify(ctx, s, key, uploads.Expect{ContentType: "application/pdf", MaxBytes: 1 << 20, Formats: []string{"pdf"}})
		refused(t, err, uploads.ReasonContentMismatch, key)
	})

	t.Run("VerifyTypeMismatch", func(t *testing.T) {
		t.Parallel()
		key := newKey("jpgaspng")
		b.upload(t, key, "image/jpeg", 1<<20, filePNG)
		_, err := uploads.Verify(ctx, s, key, uploads.Expect{ContentType: "image/png", MaxBytes: 1 << 20, Formats: []string{"png", "jpg"}})
		refused(t, err, uploads.ReasonTypeMismatch, key)
	})

	t.Run("VerifyFormatNotAllowed", func(t *testing.T) {
		t.Parallel()
		key := newKey("notallowed")
		b.upload(t, key, "image/png", 1<<20, filePNG)
		_, err := uploads.Verify(ctx, s, key, uploads.Expect{ContentType: "image/png", MaxBytes: 1 << 20, Formats: []string{"pdf"}})
		refused(t, err, uploads.ReasonFormatNotAllowed, key)
	})

	t.Run("VerifyTooLarge", func(t *testing.T) {
		t.Parallel()
		key := newKey("toolarge")
		b.upload(t, key, "application/pdf", 1<<20, filePDF)
		_, err := uploads.Verify(ctx, s, key, uploads.Expect{ContentType: "application/pdf", MaxBytes: 10, Formats: []string{"pdf"}})
		refused(t, err, uploads.ReasonTooLarge, key)
	})

	t.Run("VerifyMissing", func(t *testing.T) {
		t.Parallel()
		key := newKey("never")
		_, err := uploads.Verify(ctx, s, key, uploads.Expect{ContentType: "application/pdf", MaxBytes: 10, Formats: []string{"pdf"}})
		refused(t, err, uploads.ReasonMissing, key)
	})

	t.Run("Download", func(t *testing.T) {
		t.Parallel()
		key := newKey("dl")
		b.upload(t, key, "image/png", 1<<20, filePNG)
		name := "C:\\fakepath\\营业执照 副本\"x\r\nSet-Cookie: a=b.png"
		u, err := s.DownloadURL(ctx, key, name, "image/png", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if b.name == "minio" && !strings.HasPrefix(u, "http://localhost:") {
			t.Fatalf("download URL %s does not use the public endpoint", u)
		}
		resp, err := http.Get(b.resolve(t, u))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !bytes.Equal(got, filePNG) {
			t.Fatalf("GET: %d %q", resp.StatusCode, got)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "image/png" {
			t.Errorf("Content-Type %q", ct)
		}
		cd := resp.Header.Get("Content-Disposition")
		if resp.Header.Get("Set-Cookie") != "" || strings.ContainsAny(cd, "\r\n\\") {
			t.Fatalf("header injection: %q", resp.Header)
		}
		wantCD := `inline; filename="_ _'xSet-Cookie: a=b.png"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%E5%89%AF%E6%9C%AC%27xSet-Cookie%3A%20a%3Db.png`
		if cd != wantCD {
			t.Errorf("Content-Disposition\n got %s\nwant %s", cd, wantCD)
		}
		disp, params, err := mime.ParseMediaType(cd)
		if err != nil || disp != "inline" || params["filename"] != "营业执照 副本'xSet-Cookie: a=b.png" {
			t.Errorf("parsed Content-Disposition: %q %q %v", disp, params, err)
		}

		// Anything but PDF, JPEG and PNG is an attachment of opaque bytes.
		u, err = s.DownloadURL(ctx, key, "page.html", "text/html", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		resp, err = http.Get(b.resolve(t, u))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/octet-stream" ||
			!strings.HasPrefix(resp.Header.Get("Content-Disposition"), `attachment; filename="page.html"`) {
			t.Errorf("text/html download: %d %q", resp.StatusCode, resp.Header)
		}
	})

	t.Run("DownloadOfAnotherKeyRefused", func(t *testing.T) {
		t.Parallel()
		mine, theirs := newKey("mine"), newKey("theirs")
		b.upload(t, mine, "application/pdf", 1<<20, filePDF)
		b.upload(t, theirs, "application/pdf", 1<<20, []byte("%PDF-1.4 secret"))
		u, err := s.DownloadURL(ctx, mine, "a.pdf", "application/pdf", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		evil := b.retarget(u, mine, theirs)
		if evil == u {
			t.Fatal("retarget did nothing")
		}
		resp, err := http.Get(b.resolve(t, evil))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden || bytes.Contains(body, []byte("secret")) {
			t.Fatalf("GET of another key with my signature: %d %s", resp.StatusCode, body)
		}
	})

	t.Run("DownloadExpired", func(t *testing.T) {
		t.Parallel()
		key := newKey("dlexp")
		b.upload(t, key, "application/pdf", 1<<20, filePDF)
		u, err := s.DownloadURL(ctx, key, "a.pdf", "application/pdf", time.Second)
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(2100 * time.Millisecond)
		resp, err := http.Get(b.resolve(t, u))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden || bytes.Contains(body, filePDF) {
			t.Fatalf("GET after expiry: %d %s", resp.StatusCode, body)
		}
	})

	t.Run("DeleteThenStat", func(t *testing.T) {
		t.Parallel()
		key := newKey("del")
		b.upload(t, key, "application/pdf", 1<<20, filePDF)
		if err := s.Delete(ctx, key); err != nil {
			t.Fatal(err)
		}
		b.mustBeGone(t, key)
		if _, err := s.Open(ctx, key); !errors.Is(err, uploads.ErrNotFound) {
			t.Fatalf("Open after Delete: %v", err)
		}
		if err := s.Delete(ctx, key); err != nil {
			t.Fatalf("second Delete: %v", err)
		}
	})

	// The policy is reusable until it expires (S3 semantics, kept by the disk backend):
	// Move takes a finished upload out of its reach.
	t.Run("PolicyReusableUntilMoved", func(t *testing.T) {
		t.Parallel()
		staging, final := newKey("staging"), newKey("final")
		form, err := s.UploadForm(ctx, staging, "application/pdf", 1<<20, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if code, body := b.post(t, form, nil, "a.pdf", filePDF); code/100 != 2 {
			t.Fatalf("first POST: %d %s", code, body)
		}
		second := []byte("%PDF-1.7 second")
		if code, body := b.post(t, form, nil, "a.pdf", second); code/100 != 2 {
			t.Fatalf("second POST with the same policy: %d %s", code, body)
		}
		if err := uploads.Move(ctx, s, staging, final); err != nil {
			t.Fatal(err)
		}
		b.mustBeGone(t, staging)
		if code, body := b.post(t, form, nil, "a.pdf", []byte("%PDF-1.7 third")); code/100 != 2 {
			t.Fatalf("third POST: %d %s", code, body)
		}
		v, err := uploads.Verify(ctx, s, final, uploads.Expect{ContentType: "application/pdf", MaxBytes: 1 << 20, Formats: []string{"pdf"}})
		if err != nil || v.SHA256 != sum(second) {
			t.Fatalf("Verify(final) = %+v, %v; want the second file", v, err)
		}
		if err := uploads.Move(ctx, s, newKey("nothing"), newKey("x")); !errors.Is(err, uploads.ErrNotFound) {
			t.Fatalf("Move of nothing: %v", err)
		}
	})
}

// minioPrivateBucket: nothing in the bucket is readable or writable without a signature.
func minioPrivateBucket(t *testing.T, b *backend, srv *uploadstest.MinIOServer) {
	key := newKey("private")
	b.upload(t, key, "application/pdf", 1<<20, filePDF)
	for _, u := range []string{srv.URL() + "/materials/" + key, srv.URL() + "/materials/", srv.URL() + "/materials?list-type=2"} {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("anonymous GET %s: %d %s", u, resp.StatusCode, body)
		}
	}
	req, _ := http.NewRequest(http.MethodPut, srv.URL()+"/materials/anon", strings.NewReader("x"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("anonymous PUT: %d", resp.StatusCode)
	}
}

// quickly fails the test unless f answers ErrUnavailable within a few seconds.
func unavailableQuickly(t *testing.T, what string, f func(context.Context) error) {
	t.Helper()
	start := time.Now()
	err := f(context.Background())
	d := time.Since(start)
	t.Logf("%s while MinIO was down: %v after %v", what, err, d.Round(time.Millisecond))
	if d > 4*time.Second {
		t.Errorf("%s took %v while MinIO was down", what, d)
	}
	if !errors.Is(err, uploads.ErrUnavailable) {
		t.Errorf("%s while MinIO was down: %v, want ErrUnavailable", what, err)
	}
}

// TestMinIOOutage: MinIO stops mid-run; every call answers ErrUnavailable quickly; MinIO
// comes back and the same *MinIO works again, no restart of the portal.
func TestMinIOOutage(t *testing.T) {
	t.Parallel()
	b, srv, m := newMinIO(t)
	ctx := context.Background()
	key := newKey("before")
	b.upload(t, key, "application/pdf", 1<<20, filePDF)

	srv.Stop()
	unavailableQuickly(t, "Ping", m.Ping)
	unavailableQuickly(t, "Stat", func(ctx context.Context) error { _, err := m.Stat(ctx, key); return err })
	unavailableQuickly(t, "UploadForm", func(ctx context.Context) error {
		_, err := m.UploadForm(ctx, newKey("during"), "application/pdf", 1024, time.Minute)
		return err
	})
	unavailableQuickly(t, "Open", func(ctx context.Context) error { _, err := m.Open(ctx, key); return err })
	unavailableQuickly(t, "Delete", func(ctx context.Context) error { return m.Delete(ctx, key) })
	unavailableQuickly(t, "Verify", func(ctx context.Context) error {
		_, err := uploads.Verify(ctx, m, key, uploads.Expect{ContentType: "application/pdf", MaxBytes: 1 << 20})
		return err
	})
	// A caller's own cancellation is not an outage.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := m.Ping(cctx); errors.Is(err, uploads.ErrUnavailable) || !errors.Is(err, context.Canceled) {
		t.Errorf("Ping with a cancelled context: %v", err)
	}

	srv.Start()
	if err := m.Ping(ctx); err != nil {
		t.Fatalf("Ping after restart: %v", err)
	}
	v, err := uploads.Verify(ctx, m, key, uploads.Expect{ContentType: "application/pdf", MaxBytes: 1 << 20})
	if err != nil || v.SHA256 != sum(filePDF) {
		t.Fatalf("object from before the outage: %+v %v", v, err)
	}
	b.upload(t, newKey("after"), "image/png", 1<<20, filePNG)
}

// TestMinIODownAtStart: NewMinIO with MinIO down returns promptly with a store that
// answers ErrUnavailable, and creates the bucket itself once MinIO is up.
func TestMinIODownAtStart(t *testing.T) {
	t.Parallel()
	srv := uploadstest.StartMinIO(t)
	srv.Stop()
	start := time.Now()
	m := mustMinIO(t, srv, "late-bucket")
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("NewMinIO took %v with MinIO down", d)
	}
	unavailableQuickly(t, "Ping", m.Ping)
	unavailableQuickly(t, "UploadForm", func(ctx context.Context) error {
		_, err := m.UploadForm(ctx, newKey("x"), "application/pdf", 1024, time.Minute)
		return err
	})

	srv.Start()
	b := &backend{name: "minio", store: m}
	key := newKey("late")
	b.upload(t, key, "application/pdf", 1<<20, filePDF) // UploadForm creates the bucket
	if info, err := m.Stat(context.Background(), key); err != nil || info.Size != int64(len(filePDF)) {
		t.Fatalf("Stat = %+v, %v", info, err)
	}
}

// minioBadCredentials: a wrong secret is a start-up error, not an outage to wait out.
func minioBadCredentials(t *testing.T, srv *uploadstest.MinIOServer) {
	_, err := uploads.NewMinIO(context.Background(), uploads.MinIOConfig{
		Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: "wrong-secret-key", Bucket: "materials",
	})
	if err == nil || errors.Is(err, uploads.ErrUnavailable) {
		t.Fatalf("NewMinIO with a wrong secret: %v", err)
	}
	t.Logf("NewMinIO with a wrong secret: %v", err)
}

// minioPublicEndpoint: presigned URLs name the public host (here one the server cannot
// even resolve: presigning never contacts it) with its own scheme.
func minioPublicEndpoint(t *testing.T, srv *uploadstest.MinIOServer) {
	ctx := context.Background()
	m, err := uploads.NewMinIO(ctx, uploads.MinIOConfig{
		Endpoint: srv.Endpoint, PublicEndpoint: "https://files.portal.invalid",
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey, Bucket: "materials",
	})
	if err != nil {
		t.Fatal(err)
	}
	form, err := m.UploadForm(ctx, newKey("pub"), "application/pdf", 1024, time.Minute)
	if err != nil || form.URL != "https://files.portal.invalid/materials/" {
		t.Fatalf("UploadForm: %q, %v", form.URL, err)
	}
	u, err := m.DownloadURL(ctx, "materials/x", "a.pdf", "application/pdf", time.Minute)
	if err != nil || !strings.HasPrefix(u, "https://files.portal.invalid/materials/materials/x?") {
		t.Fatalf("DownloadURL: %q, %v", u, err)
	}
	for _, bad := range []string{"ftp://x", "http://x/path", "https://"} {
		if _, err := uploads.NewMinIO(ctx, uploads.MinIOConfig{Endpoint: srv.Endpoint, PublicEndpoint: bad,
			AccessKey: srv.AccessKey, SecretKey: srv.SecretKey, Bucket: "materials"}); err == nil {
			t.Errorf("PublicEndpoint %q accepted", bad)
		}
	}
}
