package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"portal/server/portal"
)

// ListSites returns the service centres, the county centre first.
func (db *DB) ListSites(ctx context.Context) ([]portal.Site, error) {
	return queryAll(ctx, db.conn(), func(r rowScanner) (portal.Site, error) {
		var s portal.Site
		err := r.Scan(&s.Code, &s.Name, &s.Kind, &s.Address, &s.Hours, &s.Phone, &s.Position)
		return s, err
	}, `SELECT code, name, kind, address, hours, phone, position FROM sites ORDER BY position, code`)
}

// PutSite inserts or replaces a site.
func (db *DB) PutSite(ctx context.Context, s portal.Site) error {
	_, err := db.conn().exec(ctx, `INSERT INTO sites (code, name, kind, address, hours, phone, position) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, address = excluded.address,
		hours = excluded.hours, phone = excluded.phone, position = excluded.position`,
		s.Code, s.Name, s.Kind, s.Address, s.Hours, s.Phone, s.Position)
	return err
}

// ListDepartments returns the departments in hall order.
func (db *DB) ListDepartments(ctx context.Context) ([]portal.Department, error) {
	return queryAll(ctx, db.conn(), func(r rowScanner) (portal.Department, error) {
		var d portal.Department
		err := r.Scan(&d.Code, &d.Name, &d.Position)
		return d, err
	}, `SELECT code, name, position FROM departments ORDER BY position, code`)
}

// PutDepartment inserts or replaces a department.
func (db *DB) PutDepartment(ctx context.Context, d portal.Department) error {
	_, err := db.conn().exec(ctx, `INSERT INTO departments (code, name, position) VALUES (?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, position = excluded.position`, d.Code, d.Name, d.Position)
	return err
}

// ItemRow is an item in a list, with its department's name joined in.
type ItemRow struct {
	portal.Item
	DepartmentName string
}

// escapeLike escapes the LIKE wildcards in a search term.
func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

// ListItems searches the catalog. Each whitespace-separated term of q must occur in the
// item's name, keywords or department name (Chinese has no word boundaries, so substring
// search is what people expect). Results are ranked: exact name, name prefix, name contains
// the whole query, keyword match, department match; then in hall order.
func (db *DB) ListItems(ctx context.Context, q portal.ItemQuery) ([]ItemRow, int, error) {
	var where []string
	var args []any
	if !q.IncludeRetired {
		where = append(where, `i.status = 'active'`)
	}
	terms := strings.Fields(q.Q)
	for _, t := range terms {
		like := "%" + escapeLike(t) + "%"
		where = append(where, `(i.name LIKE ? ESCAPE '\' OR i.keywords LIKE ? ESCAPE '\' OR d.name LIKE ? ESCAPE '\' OR i.code = ?)`)
		args = append(args, like, like, like, strings.ToUpper(t))
	}
	if q.DepartmentCode != "" {
		where = append(where, `i.department_code = ?`)
		args = append(args, q.DepartmentCode)
	}
	if q.SiteCode != "" {
		where = append(where, `EXISTS (SELECT 1 FROM item_sites s WHERE s.item_code = i.code AND s.site_code = ?)`)
		args = append(args, q.SiteCode)
	}
	if q.Kind != "" {
		where = append(where, `i.kind = ?`)
		args = append(args, string(q.Kind))
	}
	if q.Handling != "" {
		where = append(where, `i.handling = ?`)
		args = append(args, string(q.Handling))
	}
	from := ` FROM items i JOIN departments d ON d.code = i.department_code`
	if len(where) > 0 {
		from += ` WHERE ` + strings.Join(where, ` AND `)
	}

	var total int
	if err := db.conn().queryRow(ctx, `SELECT COUNT(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, err
	}

	rank := `0`
	var rankArgs []any
	if whole := strings.Join(terms, " "); whole != "" {
		rank = `CASE WHEN i.name = ? THEN 0
			WHEN i.name LIKE ? ESCAPE '\' THEN 1
			WHEN i.name LIKE ? ESCAPE '\' THEN 2
			WHEN i.keywords LIKE ? ESCAPE '\' THEN 3
			ELSE 4 END`
		e := escapeLike(whole)
		rankArgs = []any{whole, e + "%", "%" + e + "%", "%" + e + "%"}
	}
	limit := q.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	query := `SELECT i.code, i.name, i.department_code, d.name, i.kind, i.handling, i.legal_days, i.promised_days,
		i.trips, i.online_prereview, i.bookable, i.status, ` + rank + ` AS rank` + from +
		` ORDER BY rank, d.position, i.code LIMIT ? OFFSET ?`
	all := append(append(rankArgs, args...), limit, max(q.Offset, 0))
	rows, err := db.conn().query(ctx, query, all...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var items []ItemRow
	for rows.Next() {
		var it ItemRow
		var kind, handling, status string
		var r int
		if err := rows.Scan(&it.Code, &it.Name, &it.DepartmentCode, &it.DepartmentName, &kind, &handling,
			&it.LegalDays, &it.PromisedDays, &it.Trips, &it.OnlinePreview, &it.Bookable, &status, &r); err != nil {
			return nil, 0, err
		}
		it.Kind, it.Handling, it.Status = portal.ItemKind(kind), portal.Handling(handling), portal.ItemStatus(status)
		items = append(items, it)
	}
	return items, total, rows.Err()
}

// Item returns one item with its sites and current materials, whatever its status.
func (db *DB) Item(ctx context.Context, code string) (ItemRow, error) {
	return db.item(ctx, db.conn(), code)
}

func (db *DB) item(ctx context.Context, c conn, code string) (ItemRow, error) {
	var it ItemRow
	var kind, handling, status string
	err := c.queryRow(ctx, `SELECT i.code, i.name, i.department_code, d.name, i.kind, i.handling, i.legal_days,
		i.promised_days, i.fee, i.fee_basis, i.conditions, i.legal_basis, i.trips, i.online_prereview, i.bookable,
		i.keywords, i.status, i.version, i.updated_at
		FROM items i JOIN departments d ON d.code = i.department_code WHERE i.code = ?`, code).
		Scan(&it.Code, &it.Name, &it.DepartmentCode, &it.DepartmentName, &kind, &handling, &it.LegalDays,
			&it.PromisedDays, &it.Fee, &it.FeeBasis, &it.Conditions, &it.LegalBasis, &it.Trips, &it.OnlinePreview,
			&it.Bookable, &it.Keywords, &status, &it.Version, &it.UpdatedAt)
	if err != nil {
		return it, notFound(err, "item")
	}
	it.Kind, it.Handling, it.Status = portal.ItemKind(kind), portal.Handling(handling), portal.ItemStatus(status)

	rows, err := c.query(ctx, `SELECT s.site_code FROM item_sites s JOIN sites t ON t.code = s.site_code
		WHERE s.item_code = ? ORDER BY t.position`, code)
	if err != nil {
		return it, err
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return it, err
		}
		it.Sites = append(it.Sites, s)
	}
	rows.Close()

	rows, err = c.query(ctx, `SELECT id, name, required, form, copies, formats, max_bytes, notes, sample, type_code
		FROM materials WHERE item_code = ? AND retired = FALSE ORDER BY position`, code)
	if err != nil {
		return it, err
	}
	defer rows.Close()
	for rows.Next() {
		var m portal.Material
		var form, formats string
		if err := rows.Scan(&m.ID, &m.Name, &m.Required, &form, &m.Copies, &formats, &m.MaxBytes, &m.Notes,
			&m.Sample, &m.TypeCode); err != nil {
			return it, err
		}
		m.Form = portal.MaterialForm(form)
		if formats != "" {
			m.Formats = strings.Split(formats, ",")
		}
		it.Materials = append(it.Materials, m)
	}
	return it, rows.Err()
}

// CreateItem adds an item with its sites and materials and records who created it.
func (db *DB) CreateItem(ctx context.Context, it *portal.Item, actorID, note string) error {
	return db.tx(ctx, func(c conn) error {
		it.Version = 1
		it.UpdatedAt = db.now()
		if it.Status == "" {
			it.Status = portal.ItemActive
		}
		_, err := c.exec(ctx, `INSERT INTO items (code, name, department_code, kind, handling, legal_days, promised_days,
			fee, fee_basis, conditions, legal_basis, trips, online_prereview, bookable, keywords, status, version, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			it.Code, it.Name, it.DepartmentCode, string(it.Kind), string(it.Handling), it.LegalDays, it.PromisedDays,
			it.Fee, it.FeeBasis, it.Conditions, it.LegalBasis, it.Trips, it.OnlinePreview, it.Bookable, it.Keywords,
			string(it.Status), it.Version, it.UpdatedAt)
		if isUniqueViolation(err) {
			return portal.Errorf(portal.EConflict, "item %s exists", it.Code)
		}
		if err != nil {
			return err
		}
		if err := db.writeItemParts(ctx, c, it); err != nil {
			return err
		}
		return db.recordChange(ctx, c, it, "created", actorID, note)
	})
}

// UpdateItem replaces an item's guide. It fails with EStale when the item changed since the
// editor loaded version it.Version, so concurrent edits are never silently lost.
func (db *DB) UpdateItem(ctx context.Context, it *portal.Item, actorID, note string) error {
	return db.tx(ctx, func(c conn) error {
		seen := it.Version
		it.Version = seen + 1
		it.UpdatedAt = db.now()
		res, err := c.exec(ctx, `UPDATE items SET name = ?, department_code = ?, kind = ?, handling = ?, legal_days = ?,
			promised_days = ?, fee = ?, fee_basis = ?, conditions = ?, legal_basis = ?, trips = ?, online_prereview = ?,
			bookable = ?, keywords = ?, version = ?, updated_at = ? WHERE code = ? AND version = ?`,
			it.Name, it.DepartmentCode, string(it.Kind), string(it.Handling), it.LegalDays, it.PromisedDays, it.Fee,
			it.FeeBasis, it.Conditions, it.LegalBasis, it.Trips, it.OnlinePreview, it.Bookable, it.Keywords,
			it.Version, it.UpdatedAt, it.Code, seen)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return db.staleOrMissing(ctx, c, it.Code)
		}
		if err := db.writeItemParts(ctx, c, it); err != nil {
			return err
		}
		cur, err := db.item(ctx, c, it.Code)
		if err != nil {
			return err
		}
		*it = cur.Item
		return db.recordChange(ctx, c, it, "updated", actorID, note)
	})
}

// SetItemStatus retires an item (cancelled, adjusted, delegated) or restores it. The item and
// its history stay; only the public no longer sees it.
func (db *DB) SetItemStatus(ctx context.Context, code string, status portal.ItemStatus, version int, actorID, note string) (portal.Item, error) {
	var out portal.Item
	err := db.tx(ctx, func(c conn) error {
		res, err := c.exec(ctx, `UPDATE items SET status = ?, version = version + 1, updated_at = ? WHERE code = ? AND version = ?`,
			string(status), db.now(), code, version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return db.staleOrMissing(ctx, c, code)
		}
		cur, err := db.item(ctx, c, code)
		if err != nil {
			return err
		}
		out = cur.Item
		return db.recordChange(ctx, c, &out, string(status), actorID, note)
	})
	return out, err
}

func (db *DB) staleOrMissing(ctx context.Context, c conn, code string) error {
	var v int
	err := c.queryRow(ctx, `SELECT version FROM items WHERE code = ?`, code).Scan(&v)
	if err == sql.ErrNoRows {
		return portal.Errorf(portal.ENotFound, "item %s", code)
	}
	if err != nil {
		return err
	}
	return portal.Errorf(portal.EStale, "item %s is at version %d", code, v)
}

// writeItemParts replaces the site list and upserts materials. Materials missing from the
// new list are retired, not deleted, because applications refer to them.
func (db *DB) writeItemParts(ctx context.Context, c conn, it *portal.Item) error {
	if _, err := c.exec(ctx, `DELETE FROM item_sites WHERE item_code = ?`, it.Code); err != nil {
		return err
	}
	for _, s := range it.Sites {
		if _, err := c.exec(ctx, `INSERT INTO item_sites (item_code, site_code) VALUES (?, ?)`, it.Code, s); err != nil {
			return err
		}
	}
	keep := make([]any, 0, len(it.Materials)+1)
	keep = append(keep, it.Code)
	for i := range it.Materials {
		m := &it.Materials[i]
		formats := strings.Join(m.Formats, ",")
		if m.ID != "" {
			res, err := c.exec(ctx, `UPDATE materials SET position = ?, name = ?, required = ?, form = ?, copies = ?,
				formats = ?, max_bytes = ?, notes = ?, sample = ?, type_code = ?, retired = FALSE
				WHERE id = ? AND item_code = ?`, i, m.Name, m.Required, string(m.Form), m.Copies, formats, m.MaxBytes,
				m.Notes, m.Sample, m.TypeCode, m.ID, it.Code)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return portal.FieldError("materials", "field.material_unknown")
			}
		} else {
			m.ID = NewID()
			if _, err := c.exec(ctx, `INSERT INTO materials (id, item_code, position, name, required, form, copies,
				formats, max_bytes, notes, sample, type_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				m.ID, it.Code, i, m.Name, m.Required, string(m.Form), m.Copies, formats, m.MaxBytes, m.Notes,
				m.Sample, m.TypeCode); err != nil {
				return err
			}
		}
		keep = append(keep, m.ID)
	}
	q := `UPDATE materials SET retired = TRUE WHERE item_code = ?`
	if len(keep) > 1 {
		q += ` AND id NOT IN (?` + strings.Repeat(`, ?`, len(keep)-2) + `)`
	}
	_, err := c.exec(ctx, q, keep...)
	return err
}

// recordChange appends to the item's history with a snapshot of the item as it now is.
func (db *DB) recordChange(ctx context.Context, c conn, it *portal.Item, action, actorID, note string) error {
	snap, err := json.Marshal(it)
	if err != nil {
		return err
	}
	_, err = c.exec(ctx, `INSERT INTO item_changes (id, item_code, action, actor_id, note, snapshot, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		NewID(), it.Code, action, actorID, note, string(snap), db.now())
	return err
}

// ItemHistory lists an item's changes, oldest first.
func (db *DB) ItemHistory(ctx context.Context, code string) ([]portal.ItemChange, error) {
	rows, err := db.conn().query(ctx, `SELECT id, item_code, action, actor_id, note, at FROM item_changes
		WHERE item_code = ? ORDER BY at, id`, code)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []portal.ItemChange
	for rows.Next() {
		var ch portal.ItemChange
		if err := rows.Scan(&ch.ID, &ch.ItemCode, &ch.Action, &ch.ActorID, &ch.Note, &ch.At); err != nil {
			return nil, err
		}
		out = append(out, ch)
	}
	return out, rows.Err()
}
