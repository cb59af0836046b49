package store

import (
	"context"
	"database/sql"
	"time"

	"portal/server/portal"
)

const userColumns = `id, login, phone, name, role, department_code, site_code, password_hash, disabled, created_at`

func scanUser(row rowScanner) (portal.User, error) {
	var u portal.User
	var role string
	err := row.Scan(&u.ID, &u.Login, &u.Phone, &u.Name, &role, &u.DepartmentCode, &u.SiteCode,
		&u.PasswordHash, &u.Disabled, &u.CreatedAt)
	u.Role = portal.Role(role)
	return u, err
}

// CreateUser inserts u, giving it an id and creation time. A taken login or phone is a
// conflict the caller can tell the person about.
func (db *DB) CreateUser(ctx context.Context, u *portal.User) error {
	u.ID = NewID()
	u.CreatedAt = db.now()
	_, err := db.conn().exec(ctx, `INSERT INTO users (`+userColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Login, u.Phone, u.Name, string(u.Role), u.DepartmentCode, u.SiteCode, u.PasswordHash, u.Disabled, u.CreatedAt)
	if isUniqueViolation(err) {
		if u.Phone != "" && u.Phone == u.Login {
			return portal.Errorf(portal.EPhoneTaken, "phone taken")
		}
		return portal.Errorf(portal.ELoginTaken, "login or phone taken")
	}
	return err
}

// UserByLogin finds an account by its login (an applicant's login is the mobile number).
func (db *DB) UserByLogin(ctx context.Context, login string) (portal.User, error) {
	u, err := scanUser(db.conn().queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE login = ?`, login))
	return u, notFound(err, "user")
}

// UserByID finds an account by id.
func (db *DB) UserByID(ctx context.Context, id string) (portal.User, error) {
	u, err := scanUser(db.conn().queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, id))
	return u, notFound(err, "user")
}

// CountUsers tells whether the database is fresh (no accounts yet).
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.conn().queryRow(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, err
}

// ListUsers lists accounts, staff first, for the admin pages.
func (db *DB) ListUsers(ctx context.Context, role portal.Role, limit int) ([]portal.User, error) {
	q := `SELECT ` + userColumns + ` FROM users`
	var args []any
	if role != "" {
		q += ` WHERE role = ?`
		args = append(args, string(role))
	}
	q += ` ORDER BY CASE WHEN role = 'applicant' THEN 1 ELSE 0 END, created_at DESC LIMIT ?`
	args = append(args, limit)
	return queryAll(ctx, db.conn(), scanUser, q, args...)
}

// RefreshToken is a stored refresh token. Only the hash of the token is kept.
type RefreshToken struct {
	ID        string
	FamilyID  string
	UserID    string
	Hash      string
	ExpiresAt time.Time
	UsedAt    *time.Time
	RevokedAt *time.Time
}

// CreateRefreshToken stores a new token of a family (a login starts a family; every rotation
// adds to it).
func (db *DB) CreateRefreshToken(ctx context.Context, t *RefreshToken) error {
	t.ID = NewID()
	_, err := db.conn().exec(ctx, `INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, expires_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, t.ID, t.FamilyID, t.UserID, t.Hash, t.ExpiresAt.UTC(), db.now())
	return err
}

// ErrTokenReused is returned by SpendRefreshToken when a token is presented a second time.
// The whole family has been revoked by then: someone holds a stolen copy.
var ErrTokenReused = portal.Errorf(portal.ETokenInvalid, "refresh token reused; family revoked")

// SpendRefreshToken marks the token with hash as used and returns it, so the caller can issue
// the next token of its family. The conditional update makes two concurrent uses of one token
// end with one winner; the loser, like any later reuse, revokes the family.
func (db *DB) SpendRefreshToken(ctx context.Context, hash string) (RefreshToken, error) {
	var t RefreshToken
	now := db.now()
	err := db.tx(ctx, func(c conn) error {
		var used, revoked sql.NullTime
		err := c.queryRow(ctx, `SELECT id, family_id, user_id, token_hash, expires_at, used_at, revoked_at
			FROM refresh_tokens WHERE token_hash = ?`, hash).
			Scan(&t.ID, &t.FamilyID, &t.UserID, &t.Hash, &t.ExpiresAt, &used, &revoked)
		if err == sql.ErrNoRows {
			return portal.Errorf(portal.ETokenInvalid, "unknown refresh token")
		}
		if err != nil {
			return err
		}
		if revoked.Valid {
			return portal.Errorf(portal.ETokenInvalid, "refresh token revoked")
		}
		if !now.Before(t.ExpiresAt) {
			return portal.Errorf(portal.ETokenInvalid, "refresh token expired")
		}
		res, err := c.exec(ctx, `UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL`, now, t.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		return ErrTokenReused
	})
	if err == ErrTokenReused {
		if rerr := db.RevokeFamily(ctx, t.FamilyID); rerr != nil {
			return t, rerr
		}
	}
	return t, err
}

// RevokeFamily revokes every token of a family (logout, or reuse detected).
func (db *DB) RevokeFamily(ctx context.Context, familyID string) error {
	_, err := db.conn().exec(ctx, `UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL`,
		db.now(), familyID)
	return err
}

// RefreshTokenByHash finds a token without spending it (logout uses it to find the family).
func (db *DB) RefreshTokenByHash(ctx context.Context, hash string) (RefreshToken, error) {
	var t RefreshToken
	var used, revoked sql.NullTime
	err := db.conn().queryRow(ctx, `SELECT id, family_id, user_id, token_hash, expires_at, used_at, revoked_at
		FROM refresh_tokens WHERE token_hash = ?`, hash).
		Scan(&t.ID, &t.FamilyID, &t.UserID, &t.Hash, &t.ExpiresAt, &used, &revoked)
	if used.Valid {
		t.UsedAt = &used.Time
	}
	if revoked.Valid {
		t.RevokedAt = &revoked.Time
	}
	return t, notFound(err, "refresh token")
}
