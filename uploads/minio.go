package uploads

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
	"github.com/minio/minio-go/v7/pkg/s3utils"
)

// MinIOConfig locates the MinIO (or other S3) service.
type MinIOConfig struct {
	// Endpoint is host:port the server reaches MinIO at ("minio:9000"). A URL with a
	// scheme ("https://minio:9000") is accepted too; its scheme then decides Secure.
	Endpoint string
	// PublicEndpoint is the host[:port] browsers reach MinIO at, used in every presigned
	// URL when it differs from Endpoint (DESIGN §9: the internal name is useless to a
	// browser). Empty: Endpoint. A URL with a scheme sets the browsers' scheme
	// independently (e.g. TLS terminated at a proxy). The proxy in front must keep the
	// Host header: the signature covers it. No path: S3 signing needs MinIO at the root.
	PublicEndpoint string
	AccessKey      string
	SecretKey      string
	Bucket         string
	Secure         bool
	// Region is the signing region; empty is "us-east-1", MinIO's default. It is fixed
	// rather than looked up so that presigning never needs the network.
	Region string
}

// Timeouts of the MinIO client. They are short so that an outage answers ErrUnavailable
// (503 to the browser) in seconds instead of hanging requests; a whole object read is
// bounded only by the caller's context.
const (
	minioDialTimeout   = 2 * time.Second
	minioHeaderTimeout = 10 * time.Second
	minioOpTimeout     = 5 * time.Second // Stat, Delete, Ping, the check in UploadForm
	minioStartTimeout  = 5 * time.Second // the first contact in NewMinIO
)

// MinIO is the production Store: a private bucket on MinIO, written only by browsers
// through presigned POST policies and read by the server (Verify) and by browsers
// through short-lived presigned GETs.
//
// It survives MinIO outages without a restart of the portal: while MinIO does not answer,
// every method that needs it returns an error wrapping ErrUnavailable; once it answers
// again they work, and a bucket that could not be created at start is created then.
type MinIO struct {
	client *minio.Client // server → MinIO, internal endpoint
	public *minio.Client // presigning only: never sends a request (Region is set)
	bucket string

	ready atomic.Bool // the bucket is known to exist
	mu    sync.Mutex  // serialises bucket creation
}

// NewMinIO connects to MinIO and makes sure the private bucket exists, creating it when
// missing (a new bucket has no policy: nothing is anonymous).
//
// MinIO down at start is not an error: NewMinIO gives up contacting it after a few
// seconds and returns a working *MinIO whose methods answer ErrUnavailable until MinIO is
// back; the bucket is then created on first use (Ping, UploadForm). /readyz (Ping) shows
// the outage. Errors that waiting will not fix are returned: a bad endpoint or bucket
// name, and MinIO refusing the credentials.
func NewMinIO(ctx context.Context, cfg MinIOConfig) (*MinIO, error) {
	if cfg.AccessKey == "" || cfg.SecretKey == "" {
		return nil, errors.New("uploads: MinIO access key and secret key are required")
	}
	if err := s3utils.CheckValidBucketNameStrict(cfg.Bucket); err != nil {
		return nil, fmt.Errorf("uploads: MinIO bucket %q: %w", cfg.Bucket, err)
	}
	host, secure, err := parseEndpoint(cfg.Endpoint, cfg.Secure)
	if err != nil {
		return nil, err
	}
	pubHost, pubSecure := host, secure
	if cfg.PublicEndpoint != "" {
		if pubHost, pubSecure, err = parseEndpoint(cfg.PublicEndpoint, cfg.Secure); err != nil {
			return nil, err
		}
	}
	region := cfg.Region
	if region == "" {
		region = "us-east-1"
	}
	tr := minioTransport()
	opts := func(secure bool) *minio.Options {
		return &minio.Options{
			Creds:        credentials.NewStaticV4(cfg.AccessKey, cfg.SecretKey, ""),
			Secure:       secure,
			Transport:    tr,
			Region:       region,
			BucketLookup: minio.BucketLookupPath,
			MaxRetries:   2, // one quick retry (~200 ms), not minio-go's default ten
		}
	}
	m := &MinIO{bucket: cfg.Bucket}
	if m.client, err = minio.New(host, opts(secure)); err != nil {
		return nil, fmt.Errorf("uploads: MinIO endpoint %q: %w", cfg.Endpoint, err)
	}
	if m.public, err = minio.New(pubHost, opts(pubSecure)); err != nil {
		return nil, fmt.Errorf("uploads: MinIO public endpoint %q: %w", cfg.PublicEndpoint, err)
	}
	cctx, cancel := context.WithTimeout(ctx, minioStartTimeout)
	defer cancel()
	if err := m.check(cctx); err != nil && !errors.Is(err, ErrUnavailable) {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

// parseEndpoint accepts "host:port" or "http(s)://host:port".
func parseEndpoint(ep string, secure bool) (string, bool, error) {
	if ep == "" {
		return "", false, errors.New("uploads: MinIO endpoint is required")
	}
	if !strings.Contains(ep, "://") {
		ep = "x://" + ep
	} else if strings.HasPrefix(ep, "https://") {
		secure = true
	} else if strings.HasPrefix(ep, "http://") {
		secure = false
	} else {
		return "", false, fmt.Errorf("uploads: MinIO endpoint %q: scheme must be http or https", ep)
	}
	u, err := url.Parse(ep)
	if err != nil || u.Host == "" || strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.User != nil {
		return "", false, fmt.Errorf("uploads: MinIO endpoint %q: want host[:port]", ep)
	}
	return u.Host, secure, nil
}

func minioTransport() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   minioDialTimeout,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: minioHeaderTimeout,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   32,
		DisableCompression:    true,
		TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
	}
}

// Bucket is the bucket's name.
func (m *MinIO) Bucket() string { return m.bucket }

// check asks MinIO whether the bucket exists (one HEAD: this is also the liveness probe)
// and creates it when it does not.
func (m *MinIO) check(ctx context.Context) error {
	ok, err := m.client.BucketExists(ctx, m.bucket)
	if err != nil {
		return m.mapErr(ctx, "check bucket", err)
	}
	if ok {
		m.ready.Store(true)
		return nil
	}
	m.ready.Store(false)
	m.mu.Lock()
	defer m.mu.Unlock()
	err = m.client.MakeBucket(ctx, m.bucket, minio.MakeBucketOptions{})
	if err != nil {
		switch minio.ToErrorResponse(err).Code {
		case "BucketAlreadyOwnedByYou", "BucketAlreadyExists":
			// Created meanwhile by another replica.
		default:
			return m.mapErr(ctx, "create bucket", err)
		}
	}
	m.ready.Store(true)
	return nil
}

// op bounds a metadata call to minioOpTimeout within ctx.
func op(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, minioOpTimeout)
}

// Ping implements Store: the bucket answers (and exists; it is created if need be).
func (m *MinIO) Ping(ctx context.Context) error {
	ctx2, cancel := op(ctx)
	defer cancel()
	return m.fromCtx(ctx, m.check(ctx2))
}

// UploadForm implements Store with a presigned POST policy: bucket, exact key, exact
// Content-Type, content-length-range 1..maxBytes and expiry, so MinIO itself refuses any
// other key, type or size. The URL uses PublicEndpoint.
//
// Presigning is local, but it first checks that MinIO answers (one HEAD of the bucket),
// so that an outage answers ErrUnavailable now rather than a form that cannot work.
// The policy can be used more than once until it expires: keep ttl short.
func (m *MinIO) UploadForm(ctx context.Context, key, contentType string, maxBytes int64, ttl time.Duration) (UploadForm, error) {
	if err := checkUpload(key, contentType, maxBytes, ttl); err != nil {
		return UploadForm{}, err
	}
	if err := m.Ping(ctx); err != nil {
		return UploadForm{}, err
	}
	expires := time.Now().UTC().Add(ttl)
	p := minio.NewPostPolicy()
	for _, err := range []error{
		p.SetBucket(m.bucket),
		p.SetKey(key),
		p.SetContentType(contentType),
		p.SetContentLengthRange(1, maxBytes),
		p.SetExpires(expires),
	} {
		if err != nil {
			return UploadForm{}, fmt.Errorf("uploads: post policy: %w", err)
		}
	}
	u, fields, err := m.public.PresignedPostPolicy(ctx, p)
	if err != nil {
		return UploadForm{}, m.mapErr(ctx, "presign upload", err)
	}
	return UploadForm{URL: u.String(), Method: http.MethodPost, Fields: fields, ExpiresAt: expires}, nil
}

// Stat implements Store.
func (m *MinIO) Stat(ctx context.Context, key string) (ObjectInfo, error) {
	if err := ValidKey(key); err != nil {
		return ObjectInfo{}, err
	}
	ctx2, cancel := op(ctx)
	defer cancel()
	st, err := m.client.StatObject(ctx2, m.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return ObjectInfo{}, m.fromCtx(ctx, m.mapErr(ctx2, "stat "+key, err))
	}
	return ObjectInfo{Size: st.Size, ContentType: st.ContentType}, nil
}

// Open implements Store. The request is made before Open returns, so a missing object is
// ErrNotFound and an outage ErrUnavailable here; read errors later (MinIO stopping
// mid-stream) wrap ErrUnavailable too.
func (m *MinIO) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := ValidKey(key); err != nil {
		return nil, err
	}
	obj, err := m.client.GetObject(ctx, m.bucket, key, minio.GetObjectOptions{})
	if err == nil {
		_, err = obj.Stat()
	}
	if err != nil {
		if obj != nil {
			obj.Close()
		}
		return nil, m.fromCtx(ctx, m.mapErr(ctx, "open "+key, err))
	}
	return &minioReader{m: m, ctx: ctx, key: key, obj: obj}, nil
}

type minioReader struct {
	m   *MinIO
	ctx context.Context
	key string
	obj *minio.Object
}

func (r *minioReader) Read(p []byte) (int, error) {
	n, err := r.obj.Read(p)
	if err != nil && err != io.EOF {
		err = r.m.fromCtx(r.ctx, r.m.mapErr(r.ctx, "read "+r.key, err))
	}
	return n, err
}

func (r *minioReader) Close() error { return r.obj.Close() }

// Delete implements Store.
func (m *MinIO) Delete(ctx context.Context, key string) error {
	if err := ValidKey(key); err != nil {
		return err
	}
	ctx2, cancel := op(ctx)
	defer cancel()
	err := m.client.RemoveObject(ctx2, m.bucket, key, minio.RemoveObjectOptions{})
	if err = m.fromCtx(ctx, m.mapErr(ctx2, "delete "+key, err)); errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}

// Move implements Mover with a server-side copy (metadata kept) and a delete of from.
func (m *MinIO) Move(ctx context.Context, from, to string) error {
	if err := ValidKey(from); err != nil {
		return err
	}
	if err := ValidKey(to); err != nil {
		return err
	}
	ctx2, cancel := context.WithTimeout(ctx, 2*minioOpTimeout)
	defer cancel()
	_, err := m.client.CopyObject(ctx2,
		minio.CopyDestOptions{Bucket: m.bucket, Object: to},
		minio.CopySrcOptions{Bucket: m.bucket, Object: from})
	if err != nil {
		return m.fromCtx(ctx, m.mapErr(ctx2, "move "+from, err))
	}
	return m.Delete(ctx, from)
}

// DownloadURL implements Store with a presigned GET on PublicEndpoint whose response
// carries Content-Type and Content-Disposition chosen here (response-content-type,
// response-content-disposition): PDF, JPEG and PNG inline under the sanitised file
// name, anything else as an octet-stream attachment. Presigning needs no request to
// MinIO; the object's existence is not checked.
func (m *MinIO) DownloadURL(ctx context.Context, key, filename, contentType string, ttl time.Duration) (string, error) {
	if err := ValidKey(key); err != nil {
		return "", err
	}
	if err := checkTTL(ttl); err != nil {
		return "", err
	}
	ctype, disp := downloadHeaders(filename, contentType)
	q := url.Values{}
	q.Set("response-content-type", ctype)
	q.Set("response-content-disposition", disp)
	u, err := m.public.PresignedGetObject(ctx, m.bucket, key, ttl, q)
	if err != nil {
		return "", m.mapErr(ctx, "presign download", err)
	}
	return u.String(), nil
}

// fromCtx returns the caller's own context error (cancelled, its deadline) instead of
// ErrUnavailable: only our timeouts mean the storage is slow.
func (m *MinIO) fromCtx(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("uploads: %w", ctx.Err())
	}
	return err
}

// mapErr turns minio-go errors into ErrNotFound and ErrUnavailable (wrapped, with the
// cause), leaving others (access denied, bad arguments) as they are.
func (m *MinIO) mapErr(ctx context.Context, what string, err error) error {
	if err == nil {
		return nil
	}
	resp := minio.ToErrorResponse(err)
	switch resp.Code {
	case "NoSuchKey", "NoSuchVersion":
		return fmt.Errorf("%w: %s", ErrNotFound, what)
	case "NoSuchBucket":
		m.ready.Store(false)
		return fmt.Errorf("%w: %s: no bucket %s", ErrNotFound, what, m.bucket)
	case "ServiceUnavailable", "SlowDown", "SlowDownRead", "SlowDownWrite", "XMinioServerNotInitialized",
		"InternalError", "RequestTimeout", "XMinioStorageFull", "XMinioReadQuorum", "XMinioWriteQuorum":
		return fmt.Errorf("%w: %s: %v", ErrUnavailable, what, err)
	}
	if resp.StatusCode >= 500 || unreachable(err) {
		return fmt.Errorf("%w: %s: %v", ErrUnavailable, what, err)
	}
	if resp.Code != "" {
		return fmt.Errorf("uploads: %s: %s: %w", what, resp.Code, err)
	}
	return fmt.Errorf("uploads: %s: %w", what, err)
}

// unreachable reports whether err is a transport failure: refused, reset, timed out,
// cut short, DNS.
func unreachable(err error) bool {
	var ne net.Error
	var ue *url.Error
	var oe *net.OpError
	var de *net.DNSError
	return errors.As(err, &ne) || errors.As(err, &ue) || errors.As(err, &oe) || errors.As(err, &de) ||
		errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}
