package uploads

import (
	"errors"
	"fmt"
	"mime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxKeyLen bounds object keys; S3 allows 1024 bytes, ours are far shorter.
const MaxKeyLen = 512

// ErrBadKey is returned (wrapped) for a key that is not a clean, server-chosen key.
var ErrBadKey = errors.New("uploads: invalid object key")

// ValidKey reports whether key is a key this package will store under. Keys are chosen by
// the server (e.g. "materials/<application>/<material>/<random id>") and never contain
// what a user typed, but both backends still check them: one or more "/"-separated
// segments of ASCII letters, digits, '.', '_' and '-', no empty, "." or ".." segment, no
// leading or trailing slash, no backslash. On disk a key becomes a path under the data
// directory, so this is also what keeps writes inside it.
func ValidKey(key string) error {
	if key == "" || len(key) > MaxKeyLen {
		return fmt.Errorf("%w: %q", ErrBadKey, key)
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("%w: %q", ErrBadKey, key)
		}
		for i := 0; i < len(seg); i++ {
			c := seg[i]
			ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
			if !ok {
				return fmt.Errorf("%w: %q", ErrBadKey, key)
			}
		}
	}
	return nil
}

// inlineTypes are the only content types a download is served inline with. Anything else
// is served as application/octet-stream with "attachment", so a stored object can never
// be rendered as HTML or script by the browser, whatever the caller passes.
var inlineTypes = map[string]bool{
	"application/pdf": true,
	"image/jpeg":      true,
	"image/png":       true,
}

// downloadHeaders returns the Content-Type and Content-Disposition a download is served
// with: inline for the formats we accept (PDF, JPEG, PNG), attachment as opaque bytes
// otherwise.
func downloadHeaders(filename, contentType string) (ctype, disposition string) {
	if mt := mediaType(contentType); inlineTypes[mt] {
		return mt, ContentDisposition("inline", filename)
	}
	return "application/octet-stream", ContentDisposition("attachment", filename)
}

// mediaType is the lower-cased media type of a Content-Type value without parameters,
// or "" when it does not parse.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.ToLower(mt)
}

// maxNameRunes bounds the file name put in Content-Disposition.
const maxNameRunes = 120

// SafeFilename cleans a user-supplied file name for display and for Content-Disposition:
// only the last path element is kept (browsers may send "C:\fakepath\x.pdf"); control and
// invisible format characters (CR, LF, bidi overrides such as U+202E) are dropped; quotes
// become apostrophes; leading and trailing spaces and dots go; it is bounded to 120
// characters keeping the extension; an empty result becomes "file".
func SafeFilename(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.ToValidUTF8(name, "")
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return '\''
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), r == utf8.RuneError:
			return -1
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(name, " .")
	if r := []rune(name); len(r) > maxNameRunes {
		ext := ""
		if i := strings.LastIndexByte(name, '.'); i >= 0 && utf8.RuneCountInString(name[i:]) <= 10 {
			ext = name[i:]
		}
		keep := maxNameRunes - utf8.RuneCountInString(ext)
		name = strings.TrimRight(string(r[:keep]), " .") + ext
	}
	if name == "" {
		name = "file"
	}
	return name
}

// ContentDisposition builds a Content-Disposition value of the given disposition type
// ("inline" or "attachment") naming filename safely for every browser:
//
//	inline; filename="<ascii fallback>"; filename*=UTF-8''<percent-encoded UTF-8>
//
// The name is first cleaned by SafeFilename (no quotes, CR/LF or path separators can
// reach the header). The ASCII fallback replaces each run of other characters, '%' and
// ';' with one '_' (keeping the extension, so "营业执照.pdf" falls back to "file.pdf").
func ContentDisposition(disposition, filename string) string {
	if disposition != "attachment" {
		disposition = "inline"
	}
	name := SafeFilename(filename)
	return disposition + `; filename="` + asciiFallback(name) + `"; filename*=UTF-8''` + rfc5987(name)
}

func asciiFallback(name string) string {
	var b strings.Builder
	last := rune(0)
	for _, r := range name {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' || r == ';' {
			r = '_'
			if last == '_' {
				continue
			}
		}
		b.WriteRune(r)
		last = r
	}
	out := b.String()
	stem, ext := out, ""
	if i := strings.LastIndexByte(out, '.'); i > 0 {
		stem, ext = out[:i], out[i:]
	}
	if strings.Trim(stem, "_ .-") == "" {
		stem = "file"
	}
	return stem + ext
}

// rfc5987 percent-encodes s for an ext-value (RFC 8187): everything but attr-char.
func rfc5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// bareMediaType reports whether s is "type/subtype" of token characters, no parameters.
// Only such a value goes into a policy: minio-go writes policy conditions into the JSON
// with fmt's %s, unescaped, so a quote in a content type would add conditions of the
// applicant's choosing (e.g. ["starts-with","$key",""]).
func bareMediaType(s string) bool {
	slash := strings.IndexByte(s, '/')
	if slash <= 0 || slash == len(s)-1 || len(s) > 127 || strings.Count(s, "/") != 1 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("/!#$&^_.+-", c) >= 0
		if !ok {
			return false
		}
	}
	return true
}

// checkUpload validates UploadForm's arguments, shared by both backends.
func checkUpload(key, contentType string, maxBytes int64, ttl time.Duration) error {
	if err := ValidKey(key); err != nil {
		return err
	}
	if !bareMediaType(contentType) {
		return fmt.Errorf("uploads: invalid content type %q", contentType)
	}
	if maxBytes < 1 {
		return fmt.Errorf("uploads: max bytes %d < 1", maxBytes)
	}
	return checkTTL(ttl)
}

// checkTTL bounds presigned lifetimes as S3 does: 1 s to 7 days.
func checkTTL(ttl time.Duration) error {
	if ttl < time.Second || ttl > 7*24*time.Hour {
		return fmt.Errorf("uploads: ttl %v outside 1s..7d", ttl)
	}
	return nil
}
