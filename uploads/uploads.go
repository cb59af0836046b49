// Package uploads stores applicants' materials. Browsers upload straight to storage with a
// presigned POST form bound to one server-chosen key, a content type and a size range, so
// material bytes never pass through the wasm app or (with MinIO) through the Go server.
// Two backends share one interface and one contract test suite: MinIO (minio-go/v7) in
// production, and a local-disk backend, the embedded default, whose HMAC-signed upload
// URLs are served by the portal itself with the same form fields, so the browser code is
// identical for both.
package uploads

import (
	"context"
	"errors"
	"io"
	"time"
)

// Errors every backend answers with.
var (
	ErrNotFound    = errors.New("uploads: object not found")
	ErrUnavailable = errors.New("uploads: storage unavailable")
)

// UploadForm is what the browser needs to upload one file: it POSTs a multipart form with
// Fields (in order-independent form fields) followed by the file in a part named "file".
type UploadForm struct {
	URL       string
	Method    string // always "POST"
	Fields    map[string]string
	ExpiresAt time.Time
}

// ObjectInfo is what storage knows of a stored object.
type ObjectInfo struct {
	Size        int64
	ContentType string
}

// Store is object storage for materials.
type Store interface {
	// UploadForm presigns an upload of exactly one object at key, with the given content
	// type and a size of 1..maxBytes bytes, valid for ttl. The storage itself refuses
	// anything else.
	UploadForm(ctx context.Context, key, contentType string, maxBytes int64, ttl time.Duration) (UploadForm, error)
	// Stat describes the object at key (ErrNotFound when there is none).
	Stat(ctx context.Context, key string) (ObjectInfo, error)
	// Open reads the object at key.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes the object at key; a missing object is not an error.
	Delete(ctx context.Context, key string) error
	// DownloadURL presigns a short-lived GET of the object that the browser shows inline
	// (PDF, images) with a safe Content-Disposition naming filename.
	DownloadURL(ctx context.Context, key, filename, contentType string, ttl time.Duration) (string, error)
	// Ping reports whether the storage answers (ErrUnavailable when it does not).
	Ping(ctx context.Context) error
}

// Mover is implemented by both backends: Move renames the object at from to to (keeping
// its content type), ErrNotFound when there is none. An upload policy stays usable until
// it expires, so until then the browser can write its key again; moving a finished upload
// to a key no policy names, then verifying it there, pins the bytes that were verified.
type Mover interface {
	Move(ctx context.Context, from, to string) error
}

// Move moves an object in s, which must implement Mover.
func Move(ctx context.Context, s Store, from, to string) error {
	m, ok := s.(Mover)
	if !ok {
		return errors.New("uploads: this store cannot move objects")
	}
	return m.Move(ctx, from, to)
}

// Compile-time checks that both backends are complete.
var (
	_ Store = (*MinIO)(nil)
	_ Store = (*Disk)(nil)
	_ Mover = (*MinIO)(nil)
	_ Mover = (*Disk)(nil)
)
