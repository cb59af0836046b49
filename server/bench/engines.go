package main

import (
	"context"
)

// engine is a database the portal runs on. Sections that load the real server run once
// per engine, each time on a fresh database seeded with the demo data.
type engine struct {
	name    string
	skipped bool // PostgreSQL with -skip-pg
	// open prepares a fresh database and returns the PORTAL_DATABASE_URL for it ("" is
	// SQLite in the data directory), a description for the report, and its cleanup.
	open func(ctx context.Context) (databaseURL, desc string, cleanup func() error, err error)
}

func engines(o options) []engine {
	return []engine{
		{
			name: "SQLite",
			open: func(context.Context) (string, string, func() error, error) {
				return "", "SQLite", func() error { return nil }, nil
			},
		},
		{
			name:    "PostgreSQL",
			skipped: o.skipPG,
			open: func(ctx context.Context) (string, string, func() error, error) {
				db, err := createBenchDatabase(ctx, o.pgAdminURL)
				if err != nil {
					return "", "", nil, err
				}
				return db.url, "PostgreSQL " + db.version, db.drop, nil
			},
		},
	}
}

// withPortal runs fn against the portal binary on a fresh database of engine e, then
// kills the server and drops the database, whatever fn returned.
func withPortal(ctx context.Context, o options, e engine, fn func(p *portalProcess, desc string) error) (err error) {
	dbURL, desc, cleanup, err := e.open(ctx)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := cleanup(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	p, err := startPortal(ctx, o, dbURL)
	if err != nil {
		return err
	}
	// Killed before the database is dropped (defers run last in, first out).
	defer p.cleanup()
	return fn(p, desc)
}
