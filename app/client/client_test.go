package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"portal/app/api"
)

// Extra headers reach the server, and go again with the retry after a renewed session; a
// *string answer is kept as text.
func TestDoWithHeaders(t *testing.T) {
	var keys []string
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+api.Base+"/auth/refresh", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(api.LoginResponse{AccessToken: "new", User: api.User{ID: "u1"}})
	})
	mux.HandleFunc("POST "+api.Base+"/appointments", func(w http.ResponseWriter, r *http.Request) {
		keys = append(keys, r.Header.Get("Idempotency-Key"))
		if r.Header.Get("Authorization") != "Bearer new" {
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"error":{"code":"unauthorized","message":"no"}}`))
			return
		}
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"id":"a1","code":"ABCD2345"}`))
	})
	mux.HandleFunc("GET "+api.Base+"/appointments/a1/ics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/calendar")
		w.Write([]byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	c := New(srv.URL)
	c.setSession(&api.LoginResponse{AccessToken: "old"})
	var ap api.Appointment
	err := c.DoWithHeaders(context.Background(), "POST", "/appointments", map[string]string{"Idempotency-Key": "k1"},
		api.BookRequest{SlotID: "s", ItemCode: "i"}, &ap)
	if err != nil || ap.Code != "ABCD2345" {
		t.Fatalf("booking: %v %+v", err, ap)
	}
	if len(keys) != 2 || keys[0] != "k1" || keys[1] != "k1" {
		t.Errorf("the server saw keys %q, want k1 on the first try and on the retry", keys)
	}
	var ics string
	if err := c.DoWithHeaders(context.Background(), "GET", "/appointments/a1/ics", map[string]string{"Accept": "text/calendar"}, nil, &ics); err != nil {
		t.Fatal(err)
	}
	if ics != "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n" {
		t.Errorf("ics = %q", ics)
	}
}
