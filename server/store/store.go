// Package store keeps the portal's data in SQL: SQLite (modernc.org/sqlite, no cgo) as the
// embedded default and PostgreSQL (pgx) in production. Queries are written by hand with `?`
// placeholders and rebound for PostgreSQL; where the dialects differ the code says so.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/base32"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // registers "sqlite"

	"portal/server/portal"
)

//go:embed migrations
var migrations embed.FS

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is the portal's database.
type DB struct {
	db      *sql.DB
	dialect string
	// Now is the clock; tests replace it.
	Now func() time.Time
}

// Open connects to url: empty means SQLite in dataDir, "postgres://…" means PostgreSQL.
// It does not migrate; call Migrate.
func Open(ctx context.Context, url, dataDir string) (*DB, error) {
	var (
		db      *sql.DB
		err     error
		dialect string
	)
	switch {
	case url == "" || strings.HasPrefix(url, "sqlite:"):
		dialect = SQLite
		path := strings.TrimPrefix(url, "sqlite:")
		if path == "" {
			if err := os.MkdirAll(dataDir, 0o750); err != nil {
				return nil, fmt.Errorf("data dir: %w", err)
			}
			path = filepath.Join(dataDir, "portal.db")
		}
		// WAL lets readers work while one writer writes; busy_timeout makes a writer wait for
		// the lock instead of failing; _txlock=immediate takes the write lock at BEGIN, so two
		// transactions never both read and then fail to upgrade ("database is locked").
		dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)" +
			"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		db, err = sql.Open("sqlite", dsn)
		if err == nil {
			db.SetMaxOpenConns(8)
		}
	case strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://"):
		dialect = Postgres
		db, err = sql.Open("pgx", url)
		if err == nil {
			db.SetMaxOpenConns(32)
			db.SetMaxIdleConns(32)
			db.SetConnMaxIdleTime(5 * time.Minute)
		}
	default:
		return nil, fmt.Errorf("database url: want empty (SQLite) or postgres://…, got %q", redactURL(url))
	}
	if err != nil {
		return nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect %s: %w", dialect, err)
	}
	return &DB{db: db, dialect: dialect, Now: time.Now}, nil
}

// redactURL hides a password in a database URL so it can be logged.
func redactURL(u string) string {
	if at := strings.LastIndex(u, "@"); at > 0 {
		if scheme := strings.Index(u, "://"); scheme >= 0 && scheme < at {
			return u[:scheme+3] + "…" + u[at:]
		}
	}
	return u
}

// Dialect returns SQLite or Postgres.
func (db *DB) Dialect() string { return db.dialect }

// Close closes the connection pool.
func (db *DB) Close() error { return db.db.Close() }

// Ping checks the database answers; /readyz uses it.
func (db *DB) Ping(ctx context.Context) error { return db.db.PingContext(ctx) }

// Migrate applies the embedded migrations of the dialect. On PostgreSQL a session lock keeps
// two replicas starting together from migrating twice.
func (db *DB) Migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations/"+db.dialect)
	if err != nil {
		return err
	}
	var opts []goose.ProviderOption
	gooseDialect := goose.DialectSQLite3
	if db.dialect == Postgres {
		gooseDialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(gooseDialect, db.db, sub, opts...)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// rebind turns the `?` placeholders of a query into PostgreSQL's `$1, $2…`. Queries in
// this package never contain a literal question mark.
func (db *DB) rebind(query string) string {
	if db.dialect != Postgres {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn wraps a querier so every query is rebound for the dialect.
type conn struct {
	q  querier
	db *DB
}

func (c conn) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return c.q.ExecContext(ctx, c.db.rebind(query), args...)
}

func (c conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return c.q.QueryContext(ctx, c.db.rebind(query), args...)
}

func (c conn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return c.q.QueryRowContext(ctx, c.db.rebind(query), args...)
}

func (db *DB) conn() conn { return conn{q: db.db, db: db} }

// tx runs fn in a transaction: committed when fn returns nil, rolled back otherwise.
// On SQLite the transaction holds the write lock from its start (see Open).
func (db *DB) tx(ctx context.Context, fn func(c conn) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(conn{q: tx, db: db}); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// rowScanner is what *sql.Row and *sql.Rows offer.
type rowScanner interface{ Scan(dest ...any) error }

// queryAll runs a query and scans every row of the answer with scan.
func queryAll[T any](ctx context.Context, c conn, scan func(rowScanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := c.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// NewID returns a random opaque identifier (128 bits, base32).
func NewID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported platforms
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}

// now returns the current instant in UTC, truncated to microseconds so that it survives a
// round trip through PostgreSQL unchanged.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// isUniqueViolation reports whether err is a unique-constraint failure on either engine.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	// SQLite: "constraint failed: UNIQUE constraint failed: …"; PostgreSQL: SQLSTATE 23505.
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "23505")
}

// notFound turns sql.ErrNoRows into the domain's not-found error.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return portal.Errorf(portal.ENotFound, "%s not found", what)
	}
	return err
}
