-- +goose Up
CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    login           TEXT NOT NULL UNIQUE,
    phone           TEXT NOT NULL DEFAULT '',
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    department_code TEXT NOT NULL DEFAULT '',
    site_code       TEXT NOT NULL DEFAULT '',
    password_hash   TEXT NOT NULL,
    disabled        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TIMESTAMPTZ NOT NULL
);
-- One account per mobile number; staff accounts may have none.
CREATE UNIQUE INDEX users_phone ON users (phone) WHERE phone <> '';

CREATE TABLE refresh_tokens (
    id         TEXT PRIMARY KEY,
    family_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE sites (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    address  TEXT NOT NULL DEFAULT '',
    hours    TEXT NOT NULL DEFAULT '',
    phone    TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE departments (
    code     TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE items (
    code             TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    department_code  TEXT NOT NULL REFERENCES departments (code),
    kind             TEXT NOT NULL,
    handling         TEXT NOT NULL,
    legal_days       INTEGER NOT NULL DEFAULT 0,
    promised_days    INTEGER NOT NULL DEFAULT 0,
    fee              TEXT NOT NULL DEFAULT '',
    fee_basis        TEXT NOT NULL DEFAULT '',
    conditions       TEXT NOT NULL DEFAULT '',
    legal_basis      TEXT NOT NULL DEFAULT '',
    trips            INTEGER NOT NULL DEFAULT 1,
    online_prereview BOOLEAN NOT NULL DEFAULT FALSE,
    bookable         BOOLEAN NOT NULL DEFAULT FALSE,
    keywords         TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'active',
    version          INTEGER NOT NULL DEFAULT 1,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX items_department ON items (department_code);

CREATE TABLE item_sites (
    item_code TEXT NOT NULL REFERENCES items (code),
    site_code TEXT NOT NULL REFERENCES sites (code),
    PRIMARY KEY (item_code, site_code)
);

-- Materials are never deleted: applications refer to them by id. A material removed from an
-- item is marked retired.
CREATE TABLE materials (
    id        TEXT PRIMARY KEY,
    item_code TEXT NOT NULL REFERENCES items (code),
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    required  BOOLEAN NOT NULL,
    form      TEXT NOT NULL,
    copies    INTEGER NOT NULL DEFAULT 1,
    formats   TEXT NOT NULL DEFAULT '',
    max_bytes BIGINT NOT NULL DEFAULT 0,
    notes     TEXT NOT NULL DEFAULT '',
    sample    TEXT NOT NULL DEFAULT '',
    type_code TEXT NOT NULL DEFAULT '',
    retired   BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX materials_item ON materials (item_code, position);

CREATE TABLE item_changes (
    id        TEXT PRIMARY KEY,
    item_code TEXT NOT NULL REFERENCES items (code),
    action    TEXT NOT NULL,
    actor_id  TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT '',
    snapshot  TEXT NOT NULL,
    at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX item_changes_item ON item_changes (item_code, at);

-- +goose Down
DROP TABLE item_changes;
DROP TABLE materials;
DROP TABLE item_sites;
DROP TABLE items;
DROP TABLE departments;
DROP TABLE sites;
DROP TABLE refresh_tokens;
DROP TABLE users;
