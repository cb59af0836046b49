// Command portal is the portal's server: the JSON API, the prerendered go-app pages and the
// static files, on one address.
package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
	_ "time/tzdata" // the centre's zone must be known even in a bare container

	"portal/server/accounts"
	"portal/server/appointments"
	"portal/server/auth"
	"portal/server/cases"
	"portal/server/catalog"
	"portal/server/config"
	"portal/server/demo"
	"portal/server/httpapi"
	"portal/server/jobs"
	"portal/server/prereview"
	"portal/server/store"
	"portal/server/tickets"
	"portal/server/webapp"
	"portal/uploads"
)

// version is set by the build (-ldflags "-X main.version=…") from the wasm's hash, so every
// replica of one build reports the same version to go-app.
var version string

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "portal:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, err := config.Load(args, getenv, stderr)
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		return fmt.Errorf("log level: %w", err)
	}
	log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}))

	db, err := store.Open(ctx, cfg.DatabaseURL, cfg.DataDir)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	key, err := auth.LoadOrCreateKey(cfg.JWTKey, cfg.DataDir)
	if err != nil {
		return err
	}
	signer, err := auth.NewSigner(key, nil)
	if err != nil {
		return err
	}
	acc := &accounts.Service{DB: db, Signer: signer}
	if created, err := acc.EnsureAdmin(ctx, cfg.AdminPassword); err != nil {
		return err
	} else if created {
		fmt.Fprintln(stdout, "created the first admin account: login admin")
	}
	seeded := false
	if cfg.Demo {
		if seeded, err = demo.Seed(ctx, db); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
	}
	cat := &catalog.Service{DB: db}
	loc, err := cfg.Location()
	if err != nil {
		return err
	}
	appts := &appointments.Service{DB: db, Loc: loc}
	if err := appts.SeedCalendar(ctx); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	if seeded {
		if err := demo.SeedTemplates(ctx, db); err != nil {
			return fmt.Errorf("demo slot templates: %w", err)
		}
	}
	if _, err := appts.GenerateSlots(ctx); err != nil {
		return fmt.Errorf("slots: %w", err)
	}
	if !cfg.NoJobs {
		var sender appointments.Sender = appointments.LogSender{Log: log}
		if cfg.NotifyWebhook != "" {
			sender = appointments.WebhookSender{URL: cfg.NotifyWebhook}
		}
		appts.RunJobs(ctx, log, sender)
	}

	files, filesHandler, err := openStorage(ctx, cfg, key)
	if err != nil {
		return err
	}
	review := &prereview.Service{DB: db, Files: files, Loc: loc, NoticeKey: derive(key, "notices")}
	caseSvc := &cases.Service{DB: db, Notices: review, Calendar: appts.Calendar, Loc: loc, WarnDays: cfg.WarnDays}
	if !cfg.NoJobs {
		sweeps := caseSvc.Jobs()
		for i := range sweeps {
			if cfg.JobEvery > 0 {
				sweeps[i].Every = cfg.JobEvery
			}
		}
		jobs.Start(ctx, log, sweeps...)
	}

	v := cfg.Version
	if v == "" {
		v = version
	}
	if v == "" {
		v = wasmVersion(cfg.WebDir)
	}
	web, err := webapp.New(webapp.Options{Dir: cfg.WebDir, Version: v, Catalog: cat})
	if err != nil {
		return err
	}
	api := httpapi.New(&httpapi.Server{DB: db, Accounts: acc, Catalog: cat, Appointments: appts, PreReview: review,
		Cases: caseSvc, Tickets: &tickets.Service{DB: db}, Files: filesHandler, FilesPrefix: diskPrefix, Signer: signer, Web: web, SecureCookies: cfg.SecureCookies}, log, cfg.RateLimitsOff)

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           api,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	storeDesc := "disk in " + filepath.Join(cfg.DataDir, "files")
	if cfg.MinioEndpoint != "" {
		storeDesc = "MinIO at " + cfg.MinioEndpoint + ", bucket " + cfg.MinioBucket
	}
	dbDesc := "SQLite in " + filepath.Join(cfg.DataDir, "portal.db")
	if db.Dialect() == store.Postgres {
		dbDesc = "PostgreSQL"
	}
	fmt.Fprintf(stdout, "portal %s serving on http://%s\n  database: %s\n  materials: %s\n  data dir: %s\n", v, ln.Addr(), dbDesc, storeDesc, cfg.DataDir)
	if cfg.Demo {
		if seeded {
			fmt.Fprintln(stdout, "  demo data seeded")
		}
		fmt.Fprintf(stdout, "  demo accounts (password %s):\n", demo.Password)
		for _, a := range demo.Accounts {
			fmt.Fprintf(stdout, "    %-10s %s\n", a.Role, a.Login)
		}
	}

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// diskPrefix is where the portal serves the disk storage's signed upload and download URLs.
const diskPrefix = "/uploads/disk"

// openStorage opens MinIO when an endpoint is set, else the disk storage in the data dir.
// With MinIO the portal serves no file bytes itself (filesHandler is nil).
func openStorage(ctx context.Context, cfg config.Config, key []byte) (uploads.Store, http.Handler, error) {
	if cfg.MinioEndpoint != "" {
		m, err := uploads.NewMinIO(ctx, uploads.MinIOConfig{Endpoint: cfg.MinioEndpoint, PublicEndpoint: cfg.MinioPublicEndpoint,
			AccessKey: cfg.MinioAccessKey, SecretKey: cfg.MinioSecretKey, Bucket: cfg.MinioBucket, Secure: cfg.MinioSecure})
		if err != nil {
			return nil, nil, fmt.Errorf("minio: %w", err)
		}
		return m, nil, nil
	}
	d := uploads.NewDisk(filepath.Join(cfg.DataDir, "files"), derive(key, "uploads"), diskPrefix, nil)
	return d, d.Handler(), nil
}

// derive makes a key for one purpose from the signing key, so one secret shared by the
// replicas covers tokens, upload signatures and notice codes without one purpose's key
// serving another.
func derive(key []byte, purpose string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("portal:" + purpose))
	return m.Sum(nil)
}

// wasmVersion derives the app version from the built wasm when the build did not set one:
// the same build gives the same version on every replica and after every restart.
func wasmVersion(webDir string) string {
	f, err := os.Open(filepath.Join(webDir, "app.wasm"))
	if err != nil {
		return "dev"
	}
	defer f.Close()
	h := sha256.New()
	io.Copy(h, f)
	return hex.EncodeToString(h.Sum(nil))[:12]
}
