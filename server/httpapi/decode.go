package httpapi

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"

	"portal/server/accounts"
	"portal/server/auth"
	"portal/server/calendar"
	"portal/server/portal"
)

// maxBody is the largest JSON body any endpoint accepts; material bytes never come this way.
const maxBody = 256 << 10

// decode reads one JSON value into v and validates it. Unknown fields, trailing data, wrong
// types and oversize bodies are the caller's mistakes (4xx), never a 500.
func (s *Server) decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if dec.More() {
		return portal.Errorf(portal.EBadJSON, "trailing data after JSON value")
	}
	if _, err := dec.Token(); err != io.EOF {
		return portal.Errorf(portal.EBadJSON, "trailing data after JSON value")
	}
	return s.validate(v)
}

func decodeError(err error) error {
	var (
		maxErr    *http.MaxBytesError
		syntaxErr *json.SyntaxError
		typeErr   *json.UnmarshalTypeError
	)
	switch {
	case errors.As(err, &maxErr):
		return portal.Errorf(portal.ETooLarge, "body over %d bytes", maxErr.Limit)
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF):
		return portal.Errorf(portal.EBadJSON, "%v", err)
	case errors.Is(err, io.EOF):
		return portal.Errorf(portal.EBadJSON, "empty body")
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return portal.Errorf(portal.EBadJSON, "body is not a JSON object")
		}
		return &portal.Error{Code: portal.EInvalid, Detail: err.Error(), Fields: map[string]string{field: "field.type"}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &portal.Error{Code: portal.EBadRequest, Detail: err.Error(), Fields: map[string]string{name: "field.unknown"}}
	}
	return portal.Errorf(portal.EBadJSON, "%v", err)
}

// newValidator returns a validator that names fields by their JSON names and knows the
// portal's own tags.
func newValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name := strings.SplitN(f.Tag.Get("json"), ",", 2)[0]
		if name == "-" {
			return ""
		}
		return name
	})
	v.RegisterValidation("cnmobile", func(fl validator.FieldLevel) bool { return accounts.IsMobile(fl.Field().String()) })
	v.RegisterValidation("password", func(fl validator.FieldLevel) bool { return auth.CheckPolicy(fl.Field().String(), "") == nil })
	v.RegisterValidation("login", func(fl validator.FieldLevel) bool { return accounts.IsStaffLogin(fl.Field().String()) })
	v.RegisterValidation("clock", func(fl validator.FieldLevel) bool {
		c := fl.Field().String()
		return len(c) == 5 && c[2] == ':' && c[0] >= '0' && c[0] <= '2' && c[1] >= '0' && c[1] <= '9' &&
			c[3] >= '0' && c[3] <= '5' && c[4] >= '0' && c[4] <= '9' && (c[0] < '2' || c[1] <= '3')
	})
	v.RegisterValidation("date", func(fl validator.FieldLevel) bool {
		_, err := calendar.ParseDate(fl.Field().String())
		return err == nil
	})
	v.RegisterValidation("itemcode", func(fl validator.FieldLevel) bool {
		c := fl.Field().String()
		if len(c) < 3 || len(c) > 40 {
			return false
		}
		for _, r := range c {
			if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				return false
			}
		}
		return true
	})
	return v
}

// validate runs the struct's tags and turns failures into field messages.
func (s *Server) validate(v any) error {
	err := s.validator.Struct(v)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		return err
	}
	fields := make(map[string]string, len(verrs))
	for _, fe := range verrs {
		name := fe.Namespace()
		if i := strings.IndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		key := "field." + fe.Tag()
		switch fe.Tag() {
		case "password":
			if pe := auth.CheckPolicy(fe.Value().(string), ""); pe != nil {
				key = pe.Error()
			}
		case "max", "min", "oneof", "ltefield":
			// The message names the limit: "at most 40 characters".
			key += ":" + fe.Param()
		}
		if _, ok := fields[name]; !ok {
			fields[name] = key
		}
	}
	return &portal.Error{Code: portal.EInvalid, Detail: err.Error(), Fields: fields}
}
