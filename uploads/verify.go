package uploads

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
)

// Refusal reasons of a VerifyError: stable codes the API passes on and the UI translates.
const (
	ReasonTooLarge         = "too_large"          // bigger than the material's max_bytes
	ReasonEmpty            = "empty"              // zero bytes
	ReasonTypeMismatch     = "type_mismatch"      // stored Content-Type is not the declared one
	ReasonFormatNotAllowed = "format_not_allowed" // declared type is not among the material's formats
	ReasonContentMismatch  = "content_mismatch"   // the bytes are not what the declared type says
	ReasonMissing          = "missing"            // nothing was uploaded at the key
)

// Expect is what an uploaded object must be.
type Expect struct {
	ContentType string   // declared by the applicant when the upload started
	MaxBytes    int64    // the material's max_bytes (0: no limit here)
	Formats     []string // accepted formats among "pdf", "jpg", "png" (empty: any of them)
}

// Verified is what Verify found in an accepted object.
type Verified struct {
	Size        int64
	SHA256      string // lower-case hex
	Format      string // "pdf", "jpg" or "png"
	ContentType string // the canonical type of Format
}

// VerifyError is a refused upload. Reason is one of the Reason* codes; Detail is for logs.
// The object has been deleted unless DeleteErr says otherwise.
type VerifyError struct {
	Reason    string
	Detail    string
	DeleteErr error
}

func (e *VerifyError) Error() string {
	if e.Detail != "" {
		return "uploads: upload refused: " + e.Reason + ": " + e.Detail
	}
	return "uploads: upload refused: " + e.Reason
}

// headLen is how much of an object is read to sniff its format.
const headLen = 512

// Verify checks the object at key against want before anything marks it uploaded: Stat
// (size within 1..MaxBytes, stored type equal to the declared one, declared type among
// the allowed formats), then one streaming read that sniffs the first bytes (the real
// format must be the declared one) and hashes everything with SHA-256.
//
// A refusal deletes the object and returns a *VerifyError (Reason "missing" when there
// was nothing to delete). A storage failure (ErrUnavailable, a cancelled context…) is
// returned as it is and deletes nothing: the upload can be completed again later.
//
// The browser's upload policy stays valid until it expires, so the browser could write
// the key again after Verify; callers that must pin the verified bytes can Move the object
// to a key no policy names first and verify it there.
func Verify(ctx context.Context, s Store, key string, want Expect) (Verified, error) {
	for attempt := 1; ; attempt++ {
		v, err := verifyOnce(ctx, s, key, want)
		if !errors.Is(err, errChanged) || attempt == 3 {
			return v, err
		}
	}
}

// errChanged: the object was written again between Stat and the read.
var errChanged = errors.New("uploads: object changed during verification")

func verifyOnce(ctx context.Context, s Store, key string, want Expect) (Verified, error) {
	info, err := s.Stat(ctx, key)
	if errors.Is(err, ErrNotFound) {
		return Verified{}, &VerifyError{Reason: ReasonMissing, Detail: key}
	}
	if err != nil {
		return Verified{}, err
	}
	refuse := func(reason, detail string, args ...any) (Verified, error) {
		ve := &VerifyError{Reason: reason, Detail: fmt.Sprintf(detail, args...)}
		if err := s.Delete(context.WithoutCancel(ctx), key); err != nil {
			ve.DeleteErr = err
		}
		return Verified{}, ve
	}
	if info.Size <= 0 {
		return refuse(ReasonEmpty, "%s has 0 bytes", key)
	}
	if want.MaxBytes > 0 && info.Size > want.MaxBytes {
		return refuse(ReasonTooLarge, "%d bytes > %d", info.Size, want.MaxBytes)
	}
	format := FormatOf(want.ContentType)
	if format == "" || len(want.Formats) > 0 && !slices.Contains(want.Formats, format) && !(format == "jpg" && slices.Contains(want.Formats, "jpeg")) {
		return refuse(ReasonFormatNotAllowed, "declared %q, allowed %v", want.ContentType, want.Formats)
	}
	if mediaType(info.ContentType) != mediaType(want.ContentType) {
		return refuse(ReasonTypeMismatch, "stored %q, declared %q", info.ContentType, want.ContentType)
	}

	rc, err := s.Open(ctx, key)
	if errors.Is(err, ErrNotFound) {
		return Verified{}, &VerifyError{Reason: ReasonMissing, Detail: key}
	}
	if err != nil {
		return Verified{}, err
	}
	defer rc.Close()
	h := sha256.New()
	var head bytes.Buffer
	n, err := io.Copy(io.MultiWriter(h, &head), io.LimitReader(rc, headLen))
	if err != nil {
		return Verified{}, err
	}
	if got := Sniff(head.Bytes()); got != format {
		rc.Close()
		return refuse(ReasonContentMismatch, "declared %s, content is %q", format, got)
	}
	// Read at most one byte more than allowed: the object may have been written again
	// since Stat (the policy is reusable until it expires).
	limit := info.Size
	if want.MaxBytes > limit {
		limit = want.MaxBytes
	}
	m, err := io.Copy(h, io.LimitReader(rc, limit-n+1))
	if err != nil {
		return Verified{}, err
	}
	size := n + m
	if want.MaxBytes > 0 && size > want.MaxBytes {
		rc.Close()
		return refuse(ReasonTooLarge, "%d+ bytes > %d", size, want.MaxBytes)
	}
	if size != info.Size {
		// Changed under us (re-uploaded through a still valid policy): do not record a
		// hash of bytes that are no longer there.
		return Verified{}, fmt.Errorf("%w: %s had %d bytes, then %d", errChanged, key, info.Size, size)
	}
	return Verified{Size: size, SHA256: hex.EncodeToString(h.Sum(nil)), Format: format, ContentType: ContentTypeOf(format)}, nil
}

var (
	magicPDF = []byte("%PDF-")
	magicJPG = []byte{0xFF, 0xD8, 0xFF}
	magicPNG = []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}
)

// Sniff names the format of a file from its first bytes: "pdf" for "%PDF-", "jpg" for
// FF D8 FF, "png" for the 8-byte PNG signature, "" for anything else.
func Sniff(head []byte) string {
	switch {
	case bytes.HasPrefix(head, magicPDF):
		return "pdf"
	case bytes.HasPrefix(head, magicJPG):
		return "jpg"
	case bytes.HasPrefix(head, magicPNG):
		return "png"
	}
	return ""
}

// ContentTypeOf is the content type of a format ("pdf", "jpg"/"jpeg", "png"), "" for others.
func ContentTypeOf(format string) string {
	switch format {
	case "pdf":
		return "application/pdf"
	case "jpg", "jpeg":
		return "image/jpeg"
	case "png":
		return "image/png"
	}
	return ""
}

// FormatOf is the format of a content type ("pdf", "jpg", "png"), "" for others.
// Parameters and case are ignored ("Image/PNG; x=y" is "png").
func FormatOf(contentType string) string {
	switch mediaType(contentType) {
	case "application/pdf":
		return "pdf"
	case "image/jpeg":
		return "jpg"
	case "image/png":
		return "png"
	}
	return ""
}
