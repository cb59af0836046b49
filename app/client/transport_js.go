//go:build js && wasm

package client

import (
	"context"
	"errors"
	"syscall/js"
)

// roundTrip sends a request with the browser's fetch. Go's net/http client would do the
// same underneath, but linking it adds its whole transport (TLS included) to the wasm
// that every phone downloads: about 6 MB.
func roundTrip(ctx context.Context, method, url string, header map[string]string, body []byte) (int, []byte, error) {
	opts := js.Global().Get("Object").New()
	opts.Set("method", method)
	opts.Set("credentials", "same-origin")
	h := js.Global().Get("Object").New()
	for k, v := range header {
		h.Set(k, v)
	}
	opts.Set("headers", h)
	if body != nil {
		opts.Set("body", string(body))
	}
	abort := js.Global().Get("AbortController").New()
	opts.Set("signal", abort.Get("signal"))

	type result struct {
		status int
		body   string
		err    error
	}
	done := make(chan result, 1)
	var status int
	var onResponse, onText, onError js.Func
	onError = js.FuncOf(func(this js.Value, args []js.Value) any {
		msg := "network error"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		done <- result{err: errors.New(msg)}
		return nil
	})
	onText = js.FuncOf(func(this js.Value, args []js.Value) any {
		done <- result{status: status, body: args[0].String()}
		return nil
	})
	onResponse = js.FuncOf(func(this js.Value, args []js.Value) any {
		status = args[0].Get("status").Int()
		args[0].Call("text").Call("then", onText, onError)
		return nil
	})
	defer onResponse.Release()
	defer onText.Release()
	defer onError.Release()

	js.Global().Call("fetch", url, opts).Call("then", onResponse, onError)
	select {
	case r := <-done:
		return r.status, []byte(r.body), r.err
	case <-ctx.Done():
		abort.Call("abort")
		<-done // the promise settles (rejected) after abort; wait so the callbacks can be released
		return 0, nil, ctx.Err()
	}
}
