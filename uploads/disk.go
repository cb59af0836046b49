package uploads

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Disk is the embedded default Store: objects are files under a data directory, and the
// portal itself plays MinIO's part for the browser. UploadForm hands out the same kind of
// form as MinIO's presigned POST (fields "key", "Content-Type", "policy", "signature",
// then the file in "file"), posted to Handler at <prefix>/upload, which checks an
// HMAC-SHA256 signature of the policy, its expiry, the exact key and type, and the size
// range while streaming to disk. Downloads are HMAC-signed, expiring GETs of
// <prefix>/object. The browser code is the same for both backends.
//
// Layout under dir: objects/<key> (the bytes), meta/<key>.json (the content type),
// tmp/ (uploads in progress; same file system, so the final rename is atomic).
type Disk struct {
	dir    string
	secret []byte
	base   string // prefix as given: what URLs start with
	path   string // prefix's path: what Handler matches
	now    func() time.Time

	mu sync.Mutex // orders the final renames of an upload with Move and Delete
}

// NewDisk stores under dir, signs with secret (at least 32 random bytes; every replica
// serving the same dir needs the same one), and builds URLs under prefix, the path the
// portal mounts Handler at (e.g. "/uploads/disk"; a full URL such as
// "https://portal.example/uploads/disk" also works). now is the clock (nil: time.Now).
func NewDisk(dir string, secret []byte, prefix string, now func() time.Time) *Disk {
	if now == nil {
		now = time.Now
	}
	prefix = strings.TrimRight(prefix, "/")
	p := prefix
	if u, err := url.Parse(prefix); err == nil && u.Host != "" {
		p = strings.TrimRight(u.Path, "/")
	}
	return &Disk{dir: dir, secret: append([]byte(nil), secret...), base: prefix, path: p, now: now}
}

// diskPolicy is the signed upload policy (field "policy": base64 of its JSON).
type diskPolicy struct {
	Op          string `json:"op"` // "put"; keeps upload and download signatures apart
	Key         string `json:"key"`
	ContentType string `json:"content_type"`
	Max         int64  `json:"max"`
	Exp         int64  `json:"exp"` // Unix seconds
}

// diskGet is the signed download token (query "t"; signature in "s").
type diskGet struct {
	Op          string `json:"op"` // "get"
	Key         string `json:"key"`
	ContentType string `json:"ct"`
	Disposition string `json:"cd"`
	Exp         int64  `json:"exp"`
}

type diskMeta struct {
	ContentType string `json:"content_type"`
}

func (d *Disk) sign(payload string) string {
	mac := hmac.New(sha256.New, d.secret)
	mac.Write([]byte(payload))
	return hex.EncodeToString(mac.Sum(nil))
}

func (d *Disk) signed(payload, sig string) bool {
	want := d.sign(payload)
	return hmac.Equal([]byte(want), []byte(strings.ToLower(sig)))
}

func (d *Disk) objPath(key string) string {
	return filepath.Join(d.dir, "objects", filepath.FromSlash(key))
}
func (d *Disk) metaPath(key string) string {
	return filepath.Join(d.dir, "meta", filepath.FromSlash(key)+".json")
}
func (d *Disk) tmpDir() string { return filepath.Join(d.dir, "tmp") }

// unavailable wraps a file system failure (permissions, full disk, I/O) as ErrUnavailable.
func unavailable(what string, err error) error {
	return fmt.Errorf("%w: %s: %v", ErrUnavailable, what, err)
}

// UploadForm implements Store. The URL is relative to the portal when prefix is a path.
func (d *Disk) UploadForm(ctx context.Context, key, contentType string, maxBytes int64, ttl time.Duration) (UploadForm, error) {
	if err := checkUpload(key, contentType, maxBytes, ttl); err != nil {
		return UploadForm{}, err
	}
	if err := d.Ping(ctx); err != nil {
		return UploadForm{}, err
	}
	exp := d.now().Add(ttl)
	js, _ := json.Marshal(diskPolicy{Op: "put", Key: key, ContentType: contentType, Max: maxBytes, Exp: exp.Unix()})
	policy := base64.StdEncoding.EncodeToString(js)
	return UploadForm{
		URL:    d.base + "/upload",
		Method: http.MethodPost,
		Fields: map[string]string{
			"key":          key,
			"Content-Type": contentType,
			"policy":       policy,
			"signature":    d.sign(policy),
		},
		ExpiresAt: time.Unix(exp.Unix(), 0),
	}, nil
}

// Stat implements Store.
func (d *Disk) Stat(ctx context.Context, key string) (ObjectInfo, error) {
	if err := ValidKey(key); err != nil {
		return ObjectInfo{}, err
	}
	fi, err := os.Stat(d.objPath(key))
	if errors.Is(err, fs.ErrNotExist) {
		return ObjectInfo{}, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return ObjectInfo{}, unavailable("stat "+key, err)
	}
	if !fi.Mode().IsRegular() {
		return ObjectInfo{}, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	return ObjectInfo{Size: fi.Size(), ContentType: d.contentType(key)}, nil
}

func (d *Disk) contentType(key string) string {
	var m diskMeta
	if b, err := os.ReadFile(d.metaPath(key)); err == nil && json.Unmarshal(b, &m) == nil && m.ContentType != "" {
		return m.ContentType
	}
	return "application/octet-stream"
}

// Open implements Store.
func (d *Disk) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := ValidKey(key); err != nil {
		return nil, err
	}
	f, err := os.Open(d.objPath(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return nil, unavailable("open "+key, err)
	}
	return f, nil
}

// Delete implements Store.
func (d *Disk) Delete(ctx context.Context, key string) error {
	if err := ValidKey(key); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, p := range []string{d.objPath(key), d.metaPath(key)} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return unavailable("delete "+key, err)
		}
	}
	return nil
}

// Move implements Mover with renames.
func (d *Disk) Move(ctx context.Context, from, to string) error {
	if err := ValidKey(from); err != nil {
		return err
	}
	if err := ValidKey(to); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, err := os.Stat(d.objPath(from)); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %s", ErrNotFound, from)
	}
	for _, p := range [][2]string{{d.metaPath(from), d.metaPath(to)}, {d.objPath(from), d.objPath(to)}} {
		if err := os.MkdirAll(filepath.Dir(p[1]), 0o750); err != nil {
			return unavailable("move "+from, err)
		}
		if err := os.Rename(p[0], p[1]); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return unavailable("move "+from, err)
		}
	}
	return nil
}

// DownloadURL implements Store: a signed, expiring GET of <prefix>/object served by
// Handler with the Content-Type and Content-Disposition chosen here.
func (d *Disk) DownloadURL(ctx context.Context, key, filename, contentType string, ttl time.Duration) (string, error) {
	if err := ValidKey(key); err != nil {
		return "", err
	}
	if err := checkTTL(ttl); err != nil {
		return "", err
	}
	ctype, disp := downloadHeaders(filename, contentType)
	js, _ := json.Marshal(diskGet{Op: "get", Key: key, ContentType: ctype, Disposition: disp, Exp: d.now().Add(ttl).Unix()})
	tok := base64.RawURLEncoding.EncodeToString(js)
	return d.base + "/object?" + url.Values{"t": {tok}, "s": {d.sign(tok)}}.Encode(), nil
}

// Ping implements Store: the directory is writable.
func (d *Disk) Ping(ctx context.Context) error {
	if err := os.MkdirAll(d.tmpDir(), 0o750); err != nil {
		return unavailable("ping", err)
	}
	f, err := os.CreateTemp(d.tmpDir(), "ping-*")
	if err != nil {
		return unavailable("ping", err)
	}
	f.Close()
	if err := os.Remove(f.Name()); err != nil {
		return unavailable("ping", err)
	}
	return nil
}

// Handler serves the browser's side: POST <prefix>/upload and GET <prefix>/object. Mount
// it at prefix+"/" (with or without http.StripPrefix). It sends no CORS headers: the page
// posting to it is on the portal's own origin.
func (d *Disk) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		switch {
		case p == d.path+"/upload" || p == "/upload":
			if r.Method != http.MethodPost {
				w.Header().Set("Allow", http.MethodPost)
				s3Error(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "POST only")
				return
			}
			d.serveUpload(w, r)
		case p == d.path+"/object" || p == "/object":
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				w.Header().Set("Allow", "GET, HEAD")
				s3Error(w, http.StatusMethodNotAllowed, "MethodNotAllowed", "GET only")
				return
			}
			d.serveObject(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}

// s3Error answers like S3 does, so the browser code reads one error format.
func s3Error(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>%s</Code><Message>%s</Message></Error>\n", code, msg)
}

// Limits on the form fields that precede the file.
const (
	maxFieldBytes = 8 << 10
	maxFields     = 32
)

func (d *Disk) serveUpload(w http.ResponseWriter, r *http.Request) {
	mr, err := r.MultipartReader()
	if err != nil {
		s3Error(w, http.StatusBadRequest, "MalformedPOSTRequest", "multipart/form-data expected")
		return
	}
	fields := map[string]string{}
	for n := 0; ; n++ {
		part, err := mr.NextPart()
		if err == io.EOF {
			s3Error(w, http.StatusBadRequest, "MalformedPOSTRequest", "no file part")
			return
		}
		if err != nil || n >= maxFields {
			s3Error(w, http.StatusBadRequest, "MalformedPOSTRequest", "bad multipart body")
			return
		}
		name := strings.ToLower(part.FormName())
		if name == "file" {
			d.receive(w, fields, part)
			part.Close()
			return
		}
		b, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
		part.Close()
		if err != nil || len(b) > maxFieldBytes {
			s3Error(w, http.StatusBadRequest, "MalformedPOSTRequest", "form field too large")
			return
		}
		if _, dup := fields[name]; dup {
			s3Error(w, http.StatusBadRequest, "MalformedPOSTRequest", "repeated form field")
			return
		}
		fields[name] = string(b)
	}
}

// receive checks the policy against the fields that preceded the file part, then streams
// the file into place.
func (d *Disk) receive(w http.ResponseWriter, fields map[string]string, file *multipart.Part) {
	policy, sig := fields["policy"], fields["signature"]
	if policy == "" || sig == "" || !d.signed(policy, sig) {
		s3Error(w, http.StatusForbidden, "AccessDenied", "invalid policy signature")
		return
	}
	js, err := base64.StdEncoding.DecodeString(policy)
	var p diskPolicy
	if err != nil || json.Unmarshal(js, &p) != nil || p.Op != "put" || ValidKey(p.Key) != nil {
		s3Error(w, http.StatusForbidden, "AccessDenied", "invalid policy")
		return
	}
	if d.now().Unix() >= p.Exp {
		s3Error(w, http.StatusForbidden, "AccessDenied", "policy expired")
		return
	}
	if fields["key"] != p.Key {
		s3Error(w, http.StatusForbidden, "AccessDenied", "policy condition failed: key")
		return
	}
	if fields["content-type"] != p.ContentType {
		s3Error(w, http.StatusForbidden, "AccessDenied", "policy condition failed: Content-Type")
		return
	}
	// Like S3 and MinIO: every other field would have to be in the policy, and ours name
	// none (no metadata, encoding or disposition of the applicant's choosing).
	for name := range fields {
		switch {
		case name == "key" || name == "content-type" || name == "policy" || name == "signature":
		case strings.HasPrefix(name, "x-ignore-"):
		default:
			s3Error(w, http.StatusForbidden, "AccessDenied", "form field not in the policy: "+html.EscapeString(name))
			return
		}
	}

	if err := os.MkdirAll(d.tmpDir(), 0o750); err != nil {
		s3Error(w, http.StatusServiceUnavailable, "ServiceUnavailable", "storage unavailable")
		return
	}
	tmp, err := os.CreateTemp(d.tmpDir(), "upload-*")
	if err != nil {
		s3Error(w, http.StatusServiceUnavailable, "ServiceUnavailable", "storage unavailable")
		return
	}
	committed := false
	defer func() {
		if !committed {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// Read one byte past the limit: refusing as soon as it arrives, the rest unread.
	n, err := io.Copy(tmp, io.LimitReader(file, p.Max+1))
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			s3Error(w, http.StatusServiceUnavailable, "ServiceUnavailable", "storage unavailable")
		} else {
			s3Error(w, http.StatusBadRequest, "IncompleteBody", "upload interrupted")
		}
		return
	}
	if n > p.Max {
		s3Error(w, http.StatusBadRequest, "EntityTooLarge", "your proposed upload exceeds the maximum allowed size")
		return
	}
	if n == 0 {
		s3Error(w, http.StatusBadRequest, "EntityTooSmall", "your proposed upload is smaller than the minimum allowed size")
		return
	}
	if err := tmp.Sync(); err != nil {
		s3Error(w, http.StatusServiceUnavailable, "ServiceUnavailable", "storage unavailable")
		return
	}
	if err := tmp.Close(); err != nil {
		s3Error(w, http.StatusServiceUnavailable, "ServiceUnavailable", "storage unavailable")
		return
	}
	if err := d.commit(tmp.Name(), p.Key, p.ContentType); err != nil {
		s3Error(w, http.StatusServiceUnavailable, "ServiceUnavailable", "storage unavailable")
		return
	}
	committed = true
	w.WriteHeader(http.StatusNoContent)
}

// commit renames an uploaded temp file into place at key, the content type first so that
// Stat never sees bytes with a stale type.
func (d *Disk) commit(tmpName, key, contentType string) error {
	meta, _ := json.Marshal(diskMeta{ContentType: contentType})
	mf, err := os.CreateTemp(d.tmpDir(), "meta-*")
	if err != nil {
		return err
	}
	_, err = mf.Write(meta)
	if cerr := mf.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(mf.Name())
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, p := range [][2]string{{mf.Name(), d.metaPath(key)}, {tmpName, d.objPath(key)}} {
		if err := os.MkdirAll(filepath.Dir(p[1]), 0o750); err != nil {
			os.Remove(mf.Name())
			return err
		}
		if err := os.Rename(p[0], p[1]); err != nil {
			os.Remove(mf.Name())
			return err
		}
	}
	return nil
}

func (d *Disk) serveObject(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	tok, sig := q.Get("t"), q.Get("s")
	var g diskGet
	js, err := base64.RawURLEncoding.DecodeString(tok)
	if tok == "" || !d.signed(tok, sig) || err != nil || json.Unmarshal(js, &g) != nil || g.Op != "get" || ValidKey(g.Key) != nil {
		s3Error(w, http.StatusForbidden, "AccessDenied", "invalid signature")
		return
	}
	if d.now().Unix() >= g.Exp {
		s3Error(w, http.StatusForbidden, "AccessDenied", "request has expired")
		return
	}
	f, err := os.Open(d.objPath(g.Key))
	if errors.Is(err, fs.ErrNotExist) {
		s3Error(w, http.StatusNotFound, "NoSuchKey", "the specified key does not exist")
		return
	}
	if err != nil {
		s3Error(w, http.StatusServiceUnavailable, "ServiceUnavailable", "storage unavailable")
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		s3Error(w, http.StatusNotFound, "NoSuchKey", "the specified key does not exist")
		return
	}
	h := w.Header()
	h.Set("Content-Type", g.ContentType)
	h.Set("Content-Disposition", g.Disposition)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	http.ServeContent(w, r, "", fi.ModTime(), f)
}
