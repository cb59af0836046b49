package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"

	"github.com/andybalholm/brotli"
)

// helloPackage is the go-app hello world the portal's wasm is compared with.
const helloPackage = "portal/server/bench/hello"

// wasmFlags are the Makefile's WASM_FLAGS: the hello world must be built the same way as the
// portal's wasm for the comparison to mean anything.
var wasmFlags = []string{"-trimpath", "-ldflags=-s -w"}

// sizes is one wasm's download size, uncompressed and in both encodings the server sends.
type sizes struct {
	raw, gzip, brotli int64
}

// wasmSizeSection prints the portal's wasm size next to go-app's hello world.
func wasmSizeSection(ctx context.Context, o options, w io.Writer) error {
	tmp, err := os.MkdirTemp("", "portal-bench-wasm-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// Brotli at its best level takes tens of seconds on an 8 MB wasm: compress the portal's
	// wasm while the hello world builds, so the two cores are both used.
	var portal, hello sizes
	var portalErr, helloErr error
	var wg sync.WaitGroup
	wg.Go(func() { portal, portalErr = fileSizes(filepath.Join(o.web, "app.wasm")) })
	wg.Go(func() {
		wasm := filepath.Join(tmp, "hello.wasm")
		if helloErr = buildWasm(ctx, helloPackage, wasm); helloErr == nil {
			hello, helloErr = fileSizes(wasm)
		}
	})
	wg.Wait()
	if portalErr != nil {
		return fmt.Errorf("portal wasm: %w", portalErr)
	}
	if helloErr != nil {
		return fmt.Errorf("hello world wasm: %w", helloErr)
	}

	var t table
	t.add("wasm", "raw", "gzip -9", "brotli 11")
	t.add("portal (web/app.wasm)", mb(portal.raw), mb(portal.gzip), mb(portal.brotli))
	t.add("go-app hello world", mb(hello.raw), mb(hello.gzip), mb(hello.brotli))
	t.add("ratio portal/hello",
		ratio(float64(portal.raw), float64(hello.raw)),
		ratio(float64(portal.gzip), float64(hello.gzip)),
		ratio(float64(portal.brotli), float64(hello.brotli)))
	return t.print(w)
}

// buildWasm builds pkg for the browser with the Makefile's flags.
func buildWasm(ctx context.Context, pkg, out string) error {
	args := append([]string{"build"}, wasmFlags...)
	args = append(args, "-o", out, pkg)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", pkg, err, msg)
	}
	return nil
}

// fileSizes measures a file raw, with gzip -9 and with brotli at its best level.
func fileSizes(name string) (sizes, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return sizes{}, err
	}
	s := sizes{raw: int64(len(data))}
	if s.gzip, err = compressedSize(data, func(w io.Writer) (io.WriteCloser, error) {
		return gzip.NewWriterLevel(w, gzip.BestCompression)
	}); err != nil {
		return s, err
	}
	s.brotli, err = compressedSize(data, func(w io.Writer) (io.WriteCloser, error) {
		return brotli.NewWriterLevel(w, brotli.BestCompression), nil
	})
	return s, err
}

func compressedSize(data []byte, newWriter func(io.Writer) (io.WriteCloser, error)) (int64, error) {
	var n countingWriter
	zw, err := newWriter(&n)
	if err != nil {
		return 0, err
	}
	if _, err := io.Copy(zw, bytes.NewReader(data)); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return int64(n), nil
}

// countingWriter counts bytes and keeps none: only the compressed size matters.
type countingWriter int64

func (c *countingWriter) Write(p []byte) (int, error) {
	*c += countingWriter(len(p))
	return len(p), nil
}
