package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// checkPostgres connects to the admin URL once.
func checkPostgres(ctx context.Context, adminURL string) error {
	db, err := sql.Open("pgx", adminURL)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}

// benchDatabase is a PostgreSQL database created for one run and dropped after it.
type benchDatabase struct {
	url     string // for the portal
	version string // the server's, for the report
	name    string
	admin   *sql.DB
}

// createBenchDatabase creates an empty database portal_bench_<random> next to the admin
// URL's database, so runs never share state with each other or with the tests.
func createBenchDatabase(ctx context.Context, adminURL string) (*benchDatabase, error) {
	u, err := url.Parse(adminURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, fmt.Errorf("-pg must be a postgres:// URL, got %s", redactURL(adminURL))
	}
	admin, err := sql.Open("pgx", adminURL)
	if err != nil {
		return nil, err
	}
	suffix := make([]byte, 6)
	rand.Read(suffix)
	d := &benchDatabase{name: "portal_bench_" + hex.EncodeToString(suffix), admin: admin}
	// The name is ours (letters, digits, underscore): safe to put in the statement, which
	// cannot take it as a parameter.
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+d.name); err != nil {
		admin.Close()
		return nil, fmt.Errorf("create database: %w", err)
	}
	if err := admin.QueryRowContext(ctx, "SHOW server_version").Scan(&d.version); err != nil {
		d.drop()
		return nil, err
	}
	if f := strings.Fields(d.version); len(f) > 0 {
		d.version = f[0] // "15.20 (Debian 15.20-0+deb12u1)" → "15.20"
	}
	u.Path = "/" + d.name
	d.url = u.String()
	return d, nil
}

// drop removes the database. It runs on its own context: it must happen even when the
// run was interrupted. WITH (FORCE) (PostgreSQL 13+) ends the sessions of a portal that
// was just killed and whose backends have not noticed yet.
func (d *benchDatabase) drop() error {
	defer d.admin.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := d.admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+d.name+" WITH (FORCE)")
	if err != nil {
		return fmt.Errorf("drop database %s: %w", d.name, err)
	}
	return nil
}

// redactURL hides a password in a database URL for messages.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

var errPostgresSkipped = errors.New("skipped (-skip-pg)")
