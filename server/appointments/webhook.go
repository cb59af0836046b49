package appointments

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"portal/server/store"
)

// WebhookSender posts each outbound message as JSON to a URL (an SMS gateway or the
// government messaging platform's adapter). The message id travels as Idempotency-Key:
// the outbox delivers at least once, so the receiver drops repeats by it.
type WebhookSender struct {
	URL    string
	Client *http.Client
}

// Send posts m and treats any 2xx answer as delivered.
func (w WebhookSender) Send(ctx context.Context, m store.OutboxMessage) error {
	body, err := json.Marshal(map[string]any{"id": m.ID, "user_id": m.UserID, "kind": m.Kind, "params": m.Params})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", w.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", m.ID)
	client := w.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("webhook answered %s", res.Status)
	}
	return nil
}
