package appointments

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"portal/server/store"
)

func TestWebhookSender(t *testing.T) {
	var got map[string]any
	var key string
	status := http.StatusNoContent
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key = r.Header.Get("Idempotency-Key")
		json.NewDecoder(r.Body).Decode(&got)
		w.WriteHeader(status)
	}))
	defer srv.Close()
	s := WebhookSender{URL: srv.URL}
	m := store.OutboxMessage{ID: "m1", UserID: "u1", Kind: "reminder_two_hours", Params: map[string]string{"code": "ABCD2345"}}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if key != "m1" || got["kind"] != "reminder_two_hours" || got["params"].(map[string]any)["code"] != "ABCD2345" {
		t.Errorf("received key %q body %v", key, got)
	}
	status = http.StatusBadGateway
	if err := s.Send(context.Background(), m); err == nil {
		t.Error("a 502 answer counted as delivered")
	}
}
