package portal

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to exactly one HTTP status in httpapi; the message shown to people
// comes from the i18n catalog under "error.<code>", so the domain never formats user text.
const (
	EBadRequest    = "bad_request"    // 400
	EBadJSON       = "bad_json"       // 400
	EUnauthorized  = "unauthorized"   // 401
	EBadLogin      = "bad_login"      // 401
	ETokenInvalid  = "token_invalid"  // 401
	EForbidden     = "forbidden"      // 403
	ENotFound      = "not_found"      // 404
	EConflict      = "conflict"       // 409
	EPhoneTaken    = "phone_taken"    // 409
	ELoginTaken    = "login_taken"    // 409
	EStale         = "stale"          // 409: edited by someone else meanwhile
	ETooLarge      = "too_large"      // 413
	EInvalid       = "invalid"        // 422
	ERateLimited   = "rate_limited"   // 429
	EInternal      = "internal"       // 500
	EUnavailable   = "unavailable"    // 503
	EAccountLocked = "account_locked" // 403
)

// Error is an error people can be told about. Fields maps a request field (its JSON name)
// to a message key of the i18n catalog.
type Error struct {
	Code   string
	Detail string // for logs only, never shown
	Fields map[string]string
}

func (e *Error) Error() string {
	if e.Detail != "" {
		return e.Code + ": " + e.Detail
	}
	return e.Code
}

// Errorf returns an *Error with a detail for the logs.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Detail: fmt.Sprintf(format, args...)}
}

// FieldError returns an invalid-input error about one field.
func FieldError(field, key string) *Error {
	return &Error{Code: EInvalid, Fields: map[string]string{field: key}}
}

// ErrorCode returns the code of err, EInternal for errors that are not ours.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}
