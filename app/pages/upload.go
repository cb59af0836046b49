package pages

import (
	"errors"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"portal/app/api"
)

// Materials go from the phone straight to storage (DESIGN §5): the page asks the API for a
// presigned form, and the browser's own XMLHttpRequest posts the form's fields and the File
// object the person chose. The file's bytes never enter the wasm's memory; Go only holds a
// reference to the JavaScript File and reads progress events.

// errUploadNetwork is a transfer the network broke off (offline, connection reset).
var errUploadNetwork = errors.New("upload: network error")

// storageAnswer is what the storage said when it refused an upload: the HTTP status and
// the S3-style error code of its XML body (the disk backend answers the same way).
type storageAnswer struct {
	Status int
	Code   string
}

func (s *storageAnswer) Error() string { return "upload: storage answered " + s.Code }

var s3Code = regexp.MustCompile(`<Code>([A-Za-z]+)</Code>`)

// postFile posts form's fields and then the file as "file" to form.URL with
// XMLHttpRequest, calling progress with the bytes sent so far and the total. It blocks
// until the request ends: call it from ctx.Async. progress is called from the waiting
// goroutine, never from a JavaScript callback, so it may dispatch freely.
func postFile(file app.Value, form api.UploadForm, progress func(sent, total int64)) error {
	w := app.Window()
	fd := w.Get("FormData").New()
	// Storage wants every policy field before the file.
	keys := make([]string, 0, len(form.Fields))
	for k := range form.Fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fd.Call("append", k, form.Fields[k])
	}
	fd.Call("append", "file", file)

	xhr := w.Get("XMLHttpRequest").New()
	method := form.Method
	if method == "" {
		method = "POST"
	}

	type result struct {
		status int
		body   string
		err    error
	}
	done := make(chan result, 1)
	finish := func(r result) {
		select { // a request ends once; anything after the first outcome is dropped
		case done <- r:
		default:
		}
	}
	var sent, total atomic.Int64
	tick := make(chan struct{}, 1)
	onProgress := app.FuncOf(func(this app.Value, args []app.Value) any {
		if len(args) > 0 && args[0].Get("lengthComputable").Bool() {
			sent.Store(int64(args[0].Get("loaded").Float()))
			total.Store(int64(args[0].Get("total").Float()))
			select {
			case tick <- struct{}{}:
			default:
			}
		}
		return nil
	})
	onLoad := app.FuncOf(func(this app.Value, args []app.Value) any {
		finish(result{status: xhr.Get("status").Int(), body: xhr.Get("responseText").String()})
		return nil
	})
	onFail := app.FuncOf(func(this app.Value, args []app.Value) any {
		finish(result{err: errUploadNetwork})
		return nil
	})
	defer onProgress.Release()
	defer onLoad.Release()
	defer onFail.Release()

	xhr.Get("upload").Call("addEventListener", "progress", onProgress)
	xhr.Call("addEventListener", "load", onLoad)
	xhr.Call("addEventListener", "error", onFail)
	xhr.Call("addEventListener", "abort", onFail)
	xhr.Call("addEventListener", "timeout", onFail)
	xhr.Call("open", method, form.URL)
	xhr.Call("send", fd)

	for {
		select {
		case <-tick:
			progress(sent.Load(), total.Load())
		case r := <-done:
			if r.err != nil {
				return r.err
			}
			if r.status == 0 {
				return errUploadNetwork
			}
			if r.status >= 300 {
				code := ""
				if m := s3Code.FindStringSubmatch(r.body); m != nil {
					code = m[1]
				}
				return &storageAnswer{Status: r.status, Code: code}
			}
			if t := total.Load(); t > 0 {
				progress(t, t)
			}
			return nil
		}
	}
}

// acceptFor is the accept attribute of a file input for a material's formats.
func acceptFor(formats []string) string {
	var parts []string
	for _, f := range formats {
		switch strings.ToLower(f) {
		case "pdf":
			parts = append(parts, ".pdf", "application/pdf")
		case "jpg", "jpeg":
			parts = append(parts, ".jpg", ".jpeg", "image/jpeg")
		case "png":
			parts = append(parts, ".png", "image/png")
		}
	}
	return strings.Join(parts, ",")
}

// takesImages reports whether a material accepts a photo.
func takesImages(formats []string) bool {
	for _, f := range formats {
		switch strings.ToLower(f) {
		case "jpg", "jpeg", "png":
			return true
		}
	}
	return false
}

// contentTypeOf is the type to declare for a chosen file: the browser's, or, when the
// browser does not know it (some phones send none), the one its name suggests.
func contentTypeOf(name, browserType string) string {
	t := strings.ToLower(strings.TrimSpace(browserType))
	switch t {
	case "image/jpg", "image/pjpeg":
		return "image/jpeg"
	case "application/pdf", "image/jpeg", "image/png":
		return t
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf":
		return "application/pdf"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	}
	return t
}

// formatOf is the material format ("pdf", "jpg", "png") of a content type, "" if none.
func formatOf(contentType string) string {
	switch contentType {
	case "application/pdf":
		return "pdf"
	case "image/jpeg":
		return "jpg"
	case "image/png":
		return "png"
	}
	return ""
}

// formatsText shows a material's formats as people read them: PDF / JPG / PNG.
func formatsText(formats []string) string {
	var out []string
	for _, f := range formats {
		out = append(out, strings.ToUpper(f))
	}
	return strings.Join(out, " / ")
}

// acceptsFormat reports whether a material takes files of format f.
func acceptsFormat(formats []string, f string) bool {
	for _, x := range formats {
		x = strings.ToLower(x)
		if x == f || (x == "jpeg" && f == "jpg") {
			return true
		}
	}
	return false
}
