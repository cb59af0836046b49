package httpapi

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"portal/app/api"
	"portal/app/i18n"
	"portal/server/portal"
)

// statusOf is the one place where an error code becomes an HTTP status.
func statusOf(code string) int {
	switch code {
	case portal.EBadRequest, portal.EBadJSON:
		return http.StatusBadRequest
	case portal.EUnauthorized, portal.EBadLogin, portal.ETokenInvalid:
		return http.StatusUnauthorized
	case portal.EForbidden, portal.EAccountLocked, portal.EBookingSuspended:
		return http.StatusForbidden
	case portal.ENotFound, portal.ECaseNotFound:
		return http.StatusNotFound
	case portal.EConflict, portal.EPhoneTaken, portal.ELoginTaken, portal.EStale,
		portal.ESlotFull, portal.EAlreadyBooked, portal.ETooLate, portal.EInvalidState, portal.EGraceNotOver,
		portal.EAlreadyEvaluated, portal.ETicketOwned, portal.ECallbackRequired, portal.ENotYetEvaluable, portal.EPendingIncomplete:
		return http.StatusConflict
	case portal.ETooLarge:
		return http.StatusRequestEntityTooLarge
	case portal.EInvalid, portal.EOutsideWindow, portal.EUploadRejected:
		return http.StatusUnprocessableEntity
	case portal.ERateLimited:
		return http.StatusTooManyRequests
	case portal.EUnavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// writeError answers with the error shape of DESIGN §7, in the caller's language. Errors that
// are not *portal.Error are internal: logged in full, shown as a generic message.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	var e *portal.Error
	if !errors.As(err, &e) {
		e = &portal.Error{Code: portal.EInternal}
		s.log.ErrorContext(r.Context(), "internal error", slog.String("path", r.URL.Path), slog.Any("err", err))
	} else if e.Detail != "" {
		s.log.DebugContext(r.Context(), "request refused", slog.String("code", e.Code), slog.String("detail", e.Detail))
	}
	lang := langOf(r)
	body := api.ErrorBody{Error: api.ErrorDetail{Code: e.Code, Message: i18n.T(lang, "error."+e.Code)}}
	if len(e.Fields) > 0 {
		body.Error.Fields = make(map[string]string, len(e.Fields))
		for f, key := range e.Fields {
			body.Error.Fields[f] = fieldMessage(lang, key)
		}
	}
	status := statusOf(e.Code)
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="portal"`)
	}
	writeJSON(w, status, body)
}

// langOf picks the caller's language: the client's explicit choice, else Accept-Language.
func langOf(r *http.Request) i18n.Lang {
	if l := r.Header.Get("X-Portal-Lang"); l != "" {
		return i18n.Parse(l)
	}
	return i18n.Parse(r.Header.Get("Accept-Language"))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// fieldMessage translates a field key, which may carry one parameter after a colon
// ("field.max:40").
func fieldMessage(lang i18n.Lang, key string) string {
	if k, param, ok := strings.Cut(key, ":"); ok {
		// Only messages that name the limit take it ("at most %s"); the rest ("choose one
		// of the options") read better without the raw parameter.
		if msg := i18n.T(lang, k); strings.Contains(msg, "%s") {
			return i18n.T(lang, k, param)
		}
		return i18n.T(lang, k)
	}
	return i18n.T(lang, key)
}
