package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"time"

	"portal/server/portal"
)

const appColumns = `id, case_no, user_id, item_code, site_code, department_code, status, version, notice_id,
	created_at, updated_at, submitted_at`

func scanApp(row interface{ Scan(...any) error }) (portal.Application, error) {
	var a portal.Application
	var submitted sql.NullTime
	err := row.Scan(&a.ID, &a.CaseNo, &a.UserID, &a.ItemCode, &a.SiteCode, &a.DepartmentCode, &a.Status, &a.Version,
		&a.NoticeID, &a.CreatedAt, &a.UpdatedAt, &submitted)
	a.SubmittedAt = timePtr(submitted)
	return a, err
}

// newCaseNo is a case number: the business date and six random digits (20261008123456),
// short enough to read over the phone, random so numbers do not reveal volumes.
func newCaseNo(date string) string {
	n, _ := rand.Int(rand.Reader, big.NewInt(1_000_000))
	return strings.ReplaceAll(date, "-", "") + fmt.Sprintf("%06d", n.Int64())
}

// CreateApplication starts a draft with one row per current material of the item.
func (db *DB) CreateApplication(ctx context.Context, a *portal.Application, date string, actorRole string) error {
	for attempt := 0; ; attempt++ {
		err := db.tx(ctx, func(c conn) error {
			now := db.now()
			a.ID, a.CaseNo, a.Status, a.Version, a.CreatedAt, a.UpdatedAt = NewID(), newCaseNo(date), portal.AppDraft, 1, now, now
			if _, err := c.exec(ctx, `INSERT INTO applications (`+appColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, NULL)`,
				a.ID, a.CaseNo, a.UserID, a.ItemCode, a.SiteCode, a.DepartmentCode, a.Status, a.Version, now, now); err != nil {
				return err
			}
			for i := range a.Materials {
				a.Materials[i].Status = portal.MatMissing
				if _, err := c.exec(ctx, `INSERT INTO application_materials (application_id, material_id, status) VALUES (?, ?, ?)`,
					a.ID, a.Materials[i].MaterialID, portal.MatMissing); err != nil {
					return err
				}
			}
			return db.appEvent(ctx, c, a.ID, a.UserID, actorRole, "created", "", portal.AppDraft, "")
		})
		if isUniqueViolation(err) && attempt < 3 {
			continue // case number taken: draw another
		}
		return err
	}
}

func (db *DB) appEvent(ctx context.Context, c conn, appID, actor, role, action, from, to, note string) error {
	_, err := c.exec(ctx, `INSERT INTO application_events (id, application_id, actor_id, actor_role, action, from_status, to_status, note, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, NewID(), appID, actor, role, action, from, to, note, db.now())
	return err
}

// Application returns an application with its materials.
func (db *DB) Application(ctx context.Context, id string) (portal.Application, error) {
	a, err := scanApp(db.conn().queryRow(ctx, `SELECT `+appColumns+` FROM applications WHERE id = ?`, id))
	if err != nil {
		return a, notFound(err, "application")
	}
	rows, err := db.conn().query(ctx, `SELECT am.material_id, am.status, am.object_key, am.filename, am.content_type, am.size,
		am.sha256, am.uploaded_at, am.locker_id, am.reason
		FROM application_materials am JOIN materials m ON m.id = am.material_id
		WHERE am.application_id = ? ORDER BY m.position`, id)
	if err != nil {
		return a, err
	}
	defer rows.Close()
	for rows.Next() {
		var m portal.AppMaterial
		var up sql.NullTime
		if err := rows.Scan(&m.MaterialID, &m.Status, &m.ObjectKey, &m.Filename, &m.ContentType, &m.Size, &m.SHA256, &up,
			&m.LockerID, &m.Reason); err != nil {
			return a, err
		}
		m.UploadedAt = timePtr(up)
		a.Materials = append(a.Materials, m)
	}
	return a, rows.Err()
}

// UserApplications lists a person's applications, newest first.
func (db *DB) UserApplications(ctx context.Context, userID string) ([]portal.Application, error) {
	return db.apps(ctx, `SELECT `+appColumns+` FROM applications WHERE user_id = ? ORDER BY created_at DESC LIMIT 100`, userID)
}

// ReviewQueue lists a window's applications waiting for pre-review, oldest first.
func (db *DB) ReviewQueue(ctx context.Context, dept, site string) ([]portal.Application, error) {
	return db.apps(ctx, `SELECT `+appColumns+` FROM applications WHERE department_code = ? AND site_code = ? AND status = ?
		ORDER BY submitted_at, id LIMIT 200`, dept, site, portal.AppPreReview)
}

func (db *DB) apps(ctx context.Context, q string, args ...any) ([]portal.Application, error) {
	rows, err := db.conn().query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []portal.Application
	for rows.Next() {
		a, err := scanApp(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Transition moves an application from one of the statuses in from to status to, only if
// it is still at version (0: any version), records the event, and runs more inside the
// same transaction. A lost race or a wrong state is EInvalidState.
func (db *DB) Transition(ctx context.Context, id string, from []string, to string, version int, actor, role, action, note string,
	more func(c Tx, a portal.Application) error) (portal.Application, error) {
	var out portal.Application
	err := db.tx(ctx, func(c conn) error {
		cur, err := scanApp(c.queryRow(ctx, `SELECT `+appColumns+` FROM applications WHERE id = ?`, id))
		if err != nil {
			return notFound(err, "application")
		}
		ph := strings.TrimSuffix(strings.Repeat("?, ", len(from)), ", ")
		q := `UPDATE applications SET status = ?, version = version + 1, updated_at = ?`
		args := []any{to, db.now()}
		if to == portal.AppPreReview {
			q += `, submitted_at = ?`
			args = append(args, db.now())
		}
		q += ` WHERE id = ? AND status IN (` + ph + `)`
		args = append(args, id)
		for _, f := range from {
			args = append(args, f)
		}
		if version > 0 {
			q += ` AND version = ?`
			args = append(args, version)
		}
		res, err := c.exec(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return portal.Errorf(portal.EInvalidState, "application %s is %s (version %d), not %v at %d", id, cur.Status, cur.Version, from, version)
		}
		if err := db.appEvent(ctx, c, id, actor, role, action, cur.Status, to, note); err != nil {
			return err
		}
		out, err = scanApp(c.queryRow(ctx, `SELECT `+appColumns+` FROM applications WHERE id = ?`, id))
		if err != nil {
			return err
		}
		if more != nil {
			return more(Tx{c: c, db: db}, out)
		}
		return nil
	})
	return out, err
}

// Tx lets a caller of Transition write more in the same transaction.
type Tx struct {
	c  conn
	db *DB
}

// SetMaterialReview records the reviewer's verdict on one material.
func (t Tx) SetMaterialReview(ctx context.Context, appID, materialID, status, reason string) error {
	res, err := t.c.exec(ctx, `UPDATE application_materials SET status = ?, reason = ? WHERE application_id = ? AND material_id = ?`,
		status, reason, appID, materialID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return portal.FieldError("materials", "field.material_unknown")
	}
	return nil
}

// IssueNotice stores a notice and links it to its application.
func (t Tx) IssueNotice(ctx context.Context, n *portal.Notice) error {
	body, err := json.Marshal(n.Body)
	if err != nil {
		return err
	}
	n.IssuedAt = t.db.now()
	if _, err := t.c.exec(ctx, `INSERT INTO notices (id, code, application_id, kind, body, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		n.ID, n.Code, n.ApplicationID, n.Kind, string(body), n.IssuedBy, n.IssuedAt); err != nil {
		return err
	}
	_, err = t.c.exec(ctx, `UPDATE applications SET notice_id = ? WHERE id = ?`, n.ID, n.ApplicationID)
	return err
}

// AddToLocker keeps a verified document for its owner's later applications.
func (t Tx) AddToLocker(ctx context.Context, e portal.LockerEntry) error {
	_, err := t.c.exec(ctx, `INSERT INTO locker (id, user_id, type_code, name, object_key, filename, content_type, size, sha256,
		verified_at, verified_by, source_application_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id, type_code, sha256) DO NOTHING`,
		NewID(), e.UserID, e.TypeCode, e.Name, e.ObjectKey, e.Filename, e.ContentType, e.Size, e.SHA256, t.db.now(), e.VerifiedBy, e.SourceApplicationID)
	return err
}

// Notify writes an inbox entry in the transaction.
func (t Tx) Notify(ctx context.Context, n portal.Notification) error { return t.db.notify(ctx, t.c, n) }

// Audit appends to the audit log in the transaction.
func (t Tx) Audit(ctx context.Context, actor, action, target, detail string) error {
	return t.db.audit(ctx, t.c, actor, action, target, detail)
}

func (db *DB) audit(ctx context.Context, c conn, actor, action, target, detail string) error {
	_, err := c.exec(ctx, `INSERT INTO audit_log (id, actor_id, action, target, detail, at) VALUES (?, ?, ?, ?, ?, ?)`,
		NewID(), actor, action, target, detail, db.now())
	return err
}

// Audit appends to the audit log (downloads of personal documents, decisions).
func (db *DB) Audit(ctx context.Context, actor, action, target, detail string) error {
	return db.audit(ctx, db.conn(), actor, action, target, detail)
}

// AuditEntries lists the audit log of a target, oldest first.
func (db *DB) AuditEntries(ctx context.Context, target string) ([]AuditEntry, error) {
	rows, err := db.conn().query(ctx, `SELECT actor_id, action, target, detail, at FROM audit_log WHERE target = ? ORDER BY at, id`, target)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.ActorID, &e.Action, &e.Target, &e.Detail, &e.At); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// AuditEntry is an entry of the audit log.
type AuditEntry struct {
	ActorID, Action, Target, Detail string
	At                              time.Time
}

// AppEvents lists an application's history, oldest first.
func (db *DB) AppEvents(ctx context.Context, appID string) ([]portal.AppEvent, error) {
	rows, err := db.conn().query(ctx, `SELECT id, application_id, actor_id, actor_role, action, from_status, to_status, note, at
		FROM application_events WHERE application_id = ? ORDER BY at, id`, appID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []portal.AppEvent
	for rows.Next() {
		var e portal.AppEvent
		if err := rows.Scan(&e.ID, &e.ApplicationID, &e.ActorID, &e.ActorRole, &e.Action, &e.From, &e.To, &e.Note, &e.At); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// CreateUpload records an upload the browser is about to make.
func (db *DB) CreateUpload(ctx context.Context, u *portal.Upload) error {
	u.Status, u.CreatedAt = "pending", db.now()
	_, err := db.conn().exec(ctx, `INSERT INTO uploads (id, application_id, material_id, user_id, object_key, filename, content_type,
		size, status, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.ApplicationID, u.MaterialID, u.UserID, u.ObjectKey, u.Filename, u.ContentType, u.Size, u.Status, u.ExpiresAt.UTC(), u.CreatedAt)
	return err
}

// Upload returns an upload.
func (db *DB) Upload(ctx context.Context, id string) (portal.Upload, error) {
	var u portal.Upload
	err := db.conn().queryRow(ctx, `SELECT id, application_id, material_id, user_id, object_key, filename, content_type, size, status,
		reason, expires_at, created_at FROM uploads WHERE id = ?`, id).
		Scan(&u.ID, &u.ApplicationID, &u.MaterialID, &u.UserID, &u.ObjectKey, &u.Filename, &u.ContentType, &u.Size, &u.Status,
			&u.Reason, &u.ExpiresAt, &u.CreatedAt)
	return u, notFound(err, "upload")
}

// RejectUpload marks an upload refused at verification.
func (db *DB) RejectUpload(ctx context.Context, id, reason string) error {
	_, err := db.conn().exec(ctx, `UPDATE uploads SET status = 'rejected', reason = ? WHERE id = ? AND status = 'pending'`, reason, id)
	return err
}

// CompleteUpload attaches a verified file to its material, only while the application can
// still change (draft or needs correction) or, for a material accepted as pending, while
// its case runs. The material becomes 'uploaded'.
func (db *DB) CompleteUpload(ctx context.Context, u portal.Upload, size int64, sha string, actorRole string) error {
	return db.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE uploads SET status = 'complete', size = ? WHERE id = ? AND status = 'pending'`, size, u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return portal.Errorf(portal.EInvalidState, "upload %s is not pending", u.ID)
		}
		var was string
		if err := c.queryRow(ctx, `SELECT status FROM application_materials WHERE application_id = ? AND material_id = ?`,
			u.ApplicationID, u.MaterialID).Scan(&was); err != nil {
			return notFound(err, "material")
		}
		res, err = c.exec(ctx, `UPDATE application_materials SET status = ?, object_key = ?, filename = ?, content_type = ?, size = ?,
			sha256 = ?, uploaded_at = ?, locker_id = '', reason = ''
			WHERE application_id = ? AND material_id = ? AND EXISTS (SELECT 1 FROM applications a WHERE a.id = ? AND
				(a.status IN (?, ?) OR (application_materials.status = ? AND a.status IN (?, ?, ?))))`,
			portal.MatUploaded, u.ObjectKey, u.Filename, u.ContentType, size, sha, db.now(), u.ApplicationID, u.MaterialID,
			u.ApplicationID, portal.AppDraft, portal.AppNeedsCorrection,
			// A material accepted as pending (容缺) arrives while the case runs.
			portal.MatPending, portal.AppAccepted, portal.AppInProgress, portal.AppPaused)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return portal.Errorf(portal.EInvalidState, "application %s no longer takes files", u.ApplicationID)
		}
		action := "uploaded"
		if was == portal.MatPending {
			action = "pending_supplied" // a material accepted as pending (容缺) arrived
		}
		return db.appEvent(ctx, c, u.ApplicationID, u.UserID, actorRole, action, "", "", u.MaterialID+" "+u.Filename)
	})
}

// SetMaterialFile attaches a file from the locker (or clears it when e is nil) while the
// application can still change.
func (db *DB) SetMaterialFile(ctx context.Context, appID, materialID string, e *portal.LockerEntry, actor, role string) error {
	return db.tx(ctx, func(c conn) error {
		q := `UPDATE application_materials SET status = ?, object_key = '', filename = '', content_type = '', size = 0, sha256 = '',
			uploaded_at = NULL, locker_id = '', reason = ''`
		args := []any{portal.MatMissing}
		action := "removed"
		if e != nil {
			q = `UPDATE application_materials SET status = ?, object_key = ?, filename = ?, content_type = ?, size = ?, sha256 = ?,
				uploaded_at = ?, locker_id = ?, reason = ''`
			args = []any{portal.MatUploaded, e.ObjectKey, e.Filename, e.ContentType, e.Size, e.SHA256, db.now(), e.ID}
			action = "reused"
		}
		q += ` WHERE application_id = ? AND material_id = ? AND EXISTS (SELECT 1 FROM applications a WHERE a.id = ? AND a.status IN (?, ?))`
		args = append(args, appID, materialID, appID, portal.AppDraft, portal.AppNeedsCorrection)
		res, err := c.exec(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return portal.Errorf(portal.EInvalidState, "application %s no longer takes files", appID)
		}
		return db.appEvent(ctx, c, appID, actor, role, action, "", "", materialID)
	})
}

// Locker lists a person's verified documents.
func (db *DB) Locker(ctx context.Context, userID string) ([]portal.LockerEntry, error) {
	rows, err := db.conn().query(ctx, `SELECT id, user_id, type_code, name, object_key, filename, content_type, size, sha256,
		verified_at, verified_by, source_application_id FROM locker WHERE user_id = ? ORDER BY verified_at DESC`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []portal.LockerEntry
	for rows.Next() {
		var e portal.LockerEntry
		if err := rows.Scan(&e.ID, &e.UserID, &e.TypeCode, &e.Name, &e.ObjectKey, &e.Filename, &e.ContentType, &e.Size, &e.SHA256,
			&e.VerifiedAt, &e.VerifiedBy, &e.SourceApplicationID); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// LockerEntry returns one locker entry.
func (db *DB) LockerEntry(ctx context.Context, id string) (portal.LockerEntry, error) {
	var e portal.LockerEntry
	err := db.conn().queryRow(ctx, `SELECT id, user_id, type_code, name, object_key, filename, content_type, size, sha256,
		verified_at, verified_by, source_application_id FROM locker WHERE id = ?`, id).
		Scan(&e.ID, &e.UserID, &e.TypeCode, &e.Name, &e.ObjectKey, &e.Filename, &e.ContentType, &e.Size, &e.SHA256,
			&e.VerifiedAt, &e.VerifiedBy, &e.SourceApplicationID)
	return e, notFound(err, "locker entry")
}

// NoticeByCode returns a notice by its verification code.
func (db *DB) NoticeByCode(ctx context.Context, code string) (portal.Notice, error) {
	return db.notice(ctx, `code = ?`, code)
}

// Notice returns a notice by id.
func (db *DB) Notice(ctx context.Context, id string) (portal.Notice, error) {
	return db.notice(ctx, `id = ?`, id)
}

func (db *DB) notice(ctx context.Context, where string, arg string) (portal.Notice, error) {
	var n portal.Notice
	var body string
	err := db.conn().queryRow(ctx, `SELECT id, code, application_id, kind, body, issued_by, issued_at FROM notices WHERE `+where, arg).
		Scan(&n.ID, &n.Code, &n.ApplicationID, &n.Kind, &body, &n.IssuedBy, &n.IssuedAt)
	if err != nil {
		return n, notFound(err, "notice")
	}
	return n, json.Unmarshal([]byte(body), &n.Body)
}

// ApplicationNotices lists the notices of an application, oldest first.
func (db *DB) ApplicationNotices(ctx context.Context, appID string) ([]portal.Notice, error) {
	rows, err := db.conn().query(ctx, `SELECT id FROM notices WHERE application_id = ? ORDER BY issued_at, id`, appID)
	if err != nil {
		return nil, err
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	var out []portal.Notice
	for _, id := range ids {
		n, err := db.Notice(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}
