// Package config reads the portal's settings from flags and PORTAL_* environment
// variables (flags win). With nothing set the portal runs on 127.0.0.1:8000 with SQLite and
// disk storage under ./data.
package config

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the server.
type Config struct {
	Addr          string
	DataDir       string
	DatabaseURL   string
	WebDir        string
	AdminPassword string
	Demo          bool
	RateLimitsOff bool
	JWTKey        string
	SecureCookies bool
	Timezone      string
	LogLevel      string
	Version       string
	// NoJobs stops this process running background jobs (reminders, no-shows, slot
	// generation); other replicas run them.
	NoJobs bool
	// NotifyWebhook receives outbound copies of inbox messages; empty: they are logged.
	NotifyWebhook string
	// WarnDays: a running case gets its yellow warning when this many working days or
	// fewer are left (PORTAL_WARN_DAYS, default 1).
	WarnDays int
	// JobEvery overrides how often the case sweeps run (tests; default a minute).
	JobEvery time.Duration

	MinioEndpoint string
	// MinioPublicEndpoint is MinIO's host name as browsers reach it, when it differs from
	// the endpoint the server uses (DESIGN §9).
	MinioPublicEndpoint string
	MinioAccessKey      string
	MinioSecretKey      string
	MinioBucket         string
	MinioSecure         bool
}

// Location is the centre's time zone: business dates ("today", working days, due dates)
// are in it, whatever zone the server runs in.
func (c Config) Location() (*time.Location, error) {
	return time.LoadLocation(c.Timezone)
}

// Load reads flags from args (without the program name) over environment variables.
func Load(args []string, getenv func(string) string, stderr io.Writer) (Config, error) {
	env := func(name, def string) string {
		if v := getenv("PORTAL_" + name); v != "" {
			return v
		}
		return def
	}
	truthy := func(v string) bool {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "1", "true", "yes", "on":
			return true
		}
		return false
	}
	var c Config
	fs := flag.NewFlagSet("portal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Addr, "addr", env("ADDR", "127.0.0.1:8000"), "listen address (PORTAL_ADDR)")
	fs.StringVar(&c.DataDir, "data", env("DATA_DIR", "data"), "data directory for SQLite, files and keys (PORTAL_DATA_DIR)")
	fs.StringVar(&c.DatabaseURL, "db", env("DATABASE_URL", ""), "database URL; empty: SQLite in the data dir (PORTAL_DATABASE_URL)")
	fs.StringVar(&c.WebDir, "web", env("WEB_DIR", "web"), "static files directory with app.wasm (PORTAL_WEB_DIR)")
	fs.BoolVar(&c.Demo, "demo", truthy(env("DEMO", "")), "seed the demo catalog and accounts into an empty database (PORTAL_DEMO=1)")
	fs.StringVar(&c.Timezone, "tz", env("TIMEZONE", "Asia/Shanghai"), "the centre's time zone (PORTAL_TIMEZONE)")
	fs.StringVar(&c.LogLevel, "log", env("LOG_LEVEL", "info"), "log level: debug, info, warn, error (PORTAL_LOG_LEVEL)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	c.AdminPassword = env("ADMIN_PASSWORD", "")
	c.JWTKey = env("JWT_KEY", "")
	c.RateLimitsOff = strings.EqualFold(env("RATE_LIMITS", "on"), "off")
	c.SecureCookies = truthy(env("SECURE_COOKIES", ""))
	c.Version = env("VERSION", "")
	c.NoJobs = truthy(env("NO_JOBS", ""))
	c.NotifyWebhook = env("NOTIFY_WEBHOOK", "")
	var err error
	if c.WarnDays, err = strconv.Atoi(env("WARN_DAYS", "1")); err != nil || c.WarnDays < 1 || c.WarnDays > 30 {
		return c, fmt.Errorf("PORTAL_WARN_DAYS: a number of working days from 1 to 30")
	}
	if v := env("JOB_EVERY", ""); v != "" {
		if c.JobEvery, err = time.ParseDuration(v); err != nil || c.JobEvery <= 0 {
			return c, fmt.Errorf("PORTAL_JOB_EVERY: a duration such as 1m")
		}
	}
	c.MinioEndpoint = env("MINIO_ENDPOINT", "")
	c.MinioPublicEndpoint = env("MINIO_PUBLIC_ENDPOINT", "")
	c.MinioAccessKey = env("MINIO_ACCESS_KEY", "")
	c.MinioSecretKey = env("MINIO_SECRET_KEY", "")
	c.MinioBucket = env("MINIO_BUCKET", "portal-materials")
	c.MinioSecure = truthy(env("MINIO_SECURE", ""))
	if _, err := c.Location(); err != nil {
		return c, fmt.Errorf("time zone %q: %w", c.Timezone, err)
	}
	return c, nil
}
