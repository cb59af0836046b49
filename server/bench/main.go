// Command bench measures the portal against references, in one run (`make bench`):
//
//   - the wasm's size (raw, gzip -9, brotli 11) next to a go-app hello world built with the
//     same flags, which is go-app's own floor;
//   - GET /api/v1/items throughput and latency of the real server binary, on SQLite and on
//     PostgreSQL, next to a bare net/http handler loaded the same way, which is the ceiling
//     this machine and this load generator allow;
//   - a booking rush on both engines, next to single-row insert transactions;
//   - uploads of materials through the portal's flow on a real MinIO, next to minio-go
//     PutObject of the same files to the same MinIO;
//   - GET /api/v1/public/cases/{case_no} on both engines with the right digits, wrong digits
//     and unknown case numbers, next to the same bare net/http handler.
//
// BENCH_ONLY=<part of a section's title> (e.g. BENCH_ONLY=public) runs only those sections.
//
// Each section prints its own table. A new benchmark (a booking rush, uploads, public case
// query…) is one more function of type sectionFunc, added to the list in main.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

// options are the command's flags.
type options struct {
	binary      string        // the built server, bin/portal
	web         string        // the web directory holding app.wasm
	pgAdminURL  string        // a PostgreSQL URL allowed to create and drop databases
	skipPG      bool          // run without PostgreSQL
	concurrency int           // load generator workers
	duration    time.Duration // measured load per target
	warmup      time.Duration // load before each measurement, not counted
}

// sectionFunc runs one benchmark and prints its table to w.
type sectionFunc func(ctx context.Context, o options, w io.Writer) error

type section struct {
	title string
	run   sectionFunc
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		stop()
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	o, err := parseFlags(args)
	if err != nil {
		return err
	}
	// Fail before the long wasm compression when PostgreSQL is expected but absent.
	if !o.skipPG {
		if err := checkPostgres(ctx, o.pgAdminURL); err != nil {
			return fmt.Errorf("PostgreSQL at %s is unreachable (%v); start it, point -pg or PORTAL_TEST_POSTGRES at it, or pass -skip-pg", redactURL(o.pgAdminURL), err)
		}
	}
	printHeader(out)
	sections := []section{
		{"Wasm size", wasmSizeSection},
		{"GET /api/v1/items", itemsSection},
		{"Booking rush", bookingSection},
		{"Uploads", uploadsSection},
		{"GET /api/v1/public/cases/{case_no}", publicQuerySection},
	}
	var failed []string
	for _, s := range sections {
		// BENCH_ONLY=public runs only the sections whose title contains "public".
		if only := os.Getenv("BENCH_ONLY"); only != "" && !strings.Contains(strings.ToLower(s.title), strings.ToLower(only)) {
			continue
		}
		fmt.Fprintf(out, "\n== %s ==\n", s.title)
		if err := s.run(ctx, o, out); err != nil {
			// The other sections still run: one broken benchmark should not hide the rest.
			fmt.Fprintf(out, "FAILED: %v\n", err)
			failed = append(failed, s.title)
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d section(s) failed: %v", len(failed), failed)
	}
	return nil
}

func parseFlags(args []string) (options, error) {
	defPG := os.Getenv("PORTAL_TEST_POSTGRES")
	if defPG == "" {
		defPG = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
	}
	var o options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.StringVar(&o.binary, "binary", "bin/portal", "the portal server binary")
	fs.StringVar(&o.web, "web", "web", "the web directory with the built app.wasm")
	fs.StringVar(&o.pgAdminURL, "pg", defPG, "PostgreSQL admin URL; the bench creates and drops its own database (default from PORTAL_TEST_POSTGRES)")
	fs.BoolVar(&o.skipPG, "skip-pg", false, "skip the PostgreSQL runs (machines without PostgreSQL)")
	fs.IntVar(&o.concurrency, "c", 32, "concurrent load generator workers")
	fs.DurationVar(&o.duration, "d", 5*time.Second, "measured load duration per target")
	rushFlags(fs)
	uploadFlags(fs)
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %v", fs.Args())
	}
	if o.concurrency < 1 || o.concurrency > 1024 {
		return o, errors.New("-c must be between 1 and 1024")
	}
	if o.duration <= 0 || o.duration > 10*time.Minute {
		return o, errors.New("-d must be positive and at most 10m")
	}
	o.warmup = time.Second
	for _, f := range []string{o.binary, filepath.Join(o.web, "app.wasm")} {
		if _, err := os.Stat(f); err != nil {
			return o, fmt.Errorf("%w (run make build first)", err)
		}
	}
	return o, nil
}

func printHeader(w io.Writer) {
	host, _ := os.Hostname()
	fmt.Fprintf(w, "portal bench  %s  %s/%s  %d CPUs  %s  host %s%s\n",
		runtime.Version(), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(),
		time.Now().Format("2006-01-02 15:04:05 MST"), host, loadAverage())
}

// loadAverage is the machine's load before the run, where the system tells it: on a shared
// machine, other work moves every figure below, the ceiling first.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return "  load " + strings.Join(f[:3], " ")
	}
	return ""
}
