// Package storetest opens real databases for tests: a fresh SQLite file, or a fresh
// PostgreSQL database created for the test and dropped after it. Tests that take a
// database run against both engines, because the engines differ exactly where it matters
// (locking, types, placeholders).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"portal/server/store"
)

// Dialects are the engines every store test runs on.
var Dialects = []string{store.SQLite, store.Postgres}

// AdminURL is the PostgreSQL server the tests create their databases on.
func AdminURL() string {
	if u := os.Getenv("PORTAL_TEST_POSTGRES"); u != "" {
		return u
	}
	return "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"
}

// CI reports whether the tests run in CI, where a missing service is a failure.
func CI() bool { return os.Getenv("CI") == "true" }

// Open returns a migrated, empty database of the dialect, removed when the test ends.
func Open(t testing.TB, dialect string) *store.DB {
	t.Helper()
	ctx := context.Background()
	url := ""
	if dialect == store.Postgres {
		url = CreateDatabase(t)
	}
	db, err := store.Open(ctx, url, t.TempDir())
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return db
}

// CreateDatabase creates a fresh PostgreSQL database and returns its URL; it is dropped when
// the test ends. Without a reachable server the test is skipped, or fails in CI.
func CreateDatabase(t testing.TB) string {
	t.Helper()
	admin, err := sql.Open("pgx", AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		if CI() {
			t.Fatalf("PostgreSQL is required in CI and is not reachable at %s: %v", AdminURL(), err)
		}
		t.Skipf("PostgreSQL not reachable (%v); set PORTAL_TEST_POSTGRES", err)
	}
	var b [6]byte
	rand.Read(b[:])
	name := "portal_test_" + hex.EncodeToString(b[:])
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("drop database %s: %v", name, err)
		}
		admin.Close()
	})
	return replaceDBName(AdminURL(), name)
}

// replaceDBName puts name as the database of a postgres:// URL.
func replaceDBName(url, name string) string {
	query := ""
	if i := strings.IndexByte(url, '?'); i >= 0 {
		url, query = url[:i], url[i:]
	}
	scheme := strings.Index(url, "://") + 3
	if slash := strings.IndexByte(url[scheme:], '/'); slash >= 0 {
		url = url[:scheme+slash]
	}
	return url + "/" + name + query
}
