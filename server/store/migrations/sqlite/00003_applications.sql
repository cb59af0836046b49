-- +goose Up
CREATE TABLE applications (
    id              TEXT PRIMARY KEY,
    case_no         TEXT NOT NULL UNIQUE,
    user_id         TEXT NOT NULL REFERENCES users (id),
    item_code       TEXT NOT NULL REFERENCES items (code),
    site_code       TEXT NOT NULL REFERENCES sites (code),
    department_code TEXT NOT NULL REFERENCES departments (code),
    status          TEXT NOT NULL,
    -- version grows with every change of status: a decision names the version it saw, so
    -- two staff deciding at once cannot overwrite each other.
    version         INTEGER NOT NULL DEFAULT 1,
    notice_id       TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    submitted_at    TIMESTAMP
);
CREATE INDEX applications_user ON applications (user_id, created_at);
CREATE INDEX applications_queue ON applications (department_code, site_code, status, submitted_at);

-- One row per material the item asks for. Nothing is 'uploaded' before the object was
-- verified (size, type, magic bytes, SHA-256).
CREATE TABLE application_materials (
    application_id TEXT NOT NULL REFERENCES applications (id),
    material_id    TEXT NOT NULL REFERENCES materials (id),
    status         TEXT NOT NULL,
    object_key     TEXT NOT NULL DEFAULT '',
    filename       TEXT NOT NULL DEFAULT '',
    content_type   TEXT NOT NULL DEFAULT '',
    size           BIGINT NOT NULL DEFAULT 0,
    sha256         TEXT NOT NULL DEFAULT '',
    uploaded_at    TIMESTAMP,
    locker_id      TEXT NOT NULL DEFAULT '',
    reason         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (application_id, material_id)
);

CREATE TABLE uploads (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    material_id    TEXT NOT NULL,
    user_id        TEXT NOT NULL,
    object_key     TEXT NOT NULL UNIQUE,
    filename       TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size           BIGINT NOT NULL,
    status         TEXT NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    expires_at     TIMESTAMP NOT NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX uploads_application ON uploads (application_id, material_id);

-- Every change of an application, with who made it and why. Append-only: the code has no
-- update or delete of this table.
CREATE TABLE application_events (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id),
    actor_id       TEXT NOT NULL,
    actor_role     TEXT NOT NULL,
    action         TEXT NOT NULL,
    from_status    TEXT NOT NULL,
    to_status      TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    at             TIMESTAMP NOT NULL
);
CREATE INDEX application_events_app ON application_events (application_id, at);

-- Downloads of materials and other access to personal documents. Append-only.
CREATE TABLE audit_log (
    id        TEXT PRIMARY KEY,
    actor_id  TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '',
    at        TIMESTAMP NOT NULL
);
CREATE INDEX audit_log_target ON audit_log (target, at);

-- Notices (一次性告知书, 预审通过, 不予受理) as issued: the body is kept as signed, so what the
-- verification page shows is exactly what was handed out.
CREATE TABLE notices (
    id             TEXT PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    application_id TEXT NOT NULL REFERENCES applications (id),
    kind           TEXT NOT NULL,
    body           TEXT NOT NULL,
    issued_by      TEXT NOT NULL,
    issued_at      TIMESTAMP NOT NULL
);
CREATE INDEX notices_application ON notices (application_id, issued_at);

-- The material locker (免于重复提交): documents staff verified, reusable by their owner.
CREATE TABLE locker (
    id                    TEXT PRIMARY KEY,
    user_id               TEXT NOT NULL REFERENCES users (id),
    type_code             TEXT NOT NULL,
    name                  TEXT NOT NULL,
    object_key            TEXT NOT NULL,
    filename              TEXT NOT NULL,
    content_type          TEXT NOT NULL,
    size                  BIGINT NOT NULL,
    sha256                TEXT NOT NULL,
    verified_at           TIMESTAMP NOT NULL,
    verified_by           TEXT NOT NULL,
    source_application_id TEXT NOT NULL
);
CREATE UNIQUE INDEX locker_once ON locker (user_id, type_code, sha256);

-- +goose Down
DROP TABLE locker;
DROP TABLE notices;
DROP TABLE audit_log;
DROP TABLE application_events;
DROP TABLE uploads;
DROP TABLE application_materials;
DROP TABLE applications;
