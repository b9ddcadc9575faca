-- The fleet of NextPanel servers. Health columns and current_accounts are written by atomic
-- UPDATEs (several app nodes probe and reserve at once); the CHECKs are the last line of defence.
CREATE TABLE panel_server (
    id                   bigserial    PRIMARY KEY,
    name                 varchar(100) NOT NULL CHECK (length(trim(name)) > 0),
    description          varchar(500),
    base_url             varchar(500) NOT NULL CHECK (base_url ~ '^https?://'),
    api_key_sealed       text         NOT NULL CHECK (api_key_sealed LIKE 'v1:%'),
    api_secret_sealed    text         NOT NULL CHECK (api_secret_sealed LIKE 'v1:%'),
    api_key_hint         varchar(40)  NOT NULL,
    credentials_version  bigint       NOT NULL DEFAULT 1,
    capacity             integer      NOT NULL CHECK (capacity > 0),
    current_accounts     integer      NOT NULL DEFAULT 0 CHECK (current_accounts >= 0),
    location             varchar(100),
    is_active            boolean      NOT NULL DEFAULT true,
    rate_limit_per_hour  integer      NOT NULL DEFAULT 1000 CHECK (rate_limit_per_hour > 0),
    is_online            boolean      NOT NULL DEFAULT false,
    last_checked_at      timestamptz,
    latency_ms           integer,
    consecutive_failures integer      NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    last_error           varchar(1000),
    next_probe_at        timestamptz  NOT NULL DEFAULT '-infinity',
    created_at           timestamptz  NOT NULL,
    updated_at           timestamptz  NOT NULL,
    removed_at           timestamptz,
    version              bigint       NOT NULL DEFAULT 0,
    CONSTRAINT panel_server_within_capacity CHECK (current_accounts <= capacity)
);
-- A removed server frees its name.
CREATE UNIQUE INDEX panel_server_name_unique ON panel_server (lower(name)) WHERE removed_at IS NULL;
-- The probe sweep claims due servers by next_probe_at.
CREATE INDEX panel_server_probe_due ON panel_server (next_probe_at) WHERE removed_at IS NULL AND is_active;

CREATE TABLE panel_server_tag (
    server_id bigint      NOT NULL REFERENCES panel_server (id) ON DELETE CASCADE,
    tag       varchar(50) NOT NULL CHECK (length(trim(tag)) > 0),
    PRIMARY KEY (server_id, tag)
);

-- Operator API tokens: only the SHA-256 of a token is kept.
CREATE TABLE operator_token (
    id           bigserial    PRIMARY KEY,
    name         varchar(100) NOT NULL,
    role         varchar(20)  NOT NULL CHECK (role IN ('ADMIN', 'VIEWER')),
    token_hash   char(64)     NOT NULL UNIQUE,
    created_at   timestamptz  NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz
);

-- Who did what, to which target, and how it ended. Append-only: the trigger refuses changes.
CREATE TABLE audit_log (
    id          bigserial     PRIMARY KEY,
    at          timestamptz   NOT NULL,
    actor       varchar(100)  NOT NULL,
    action      varchar(60)   NOT NULL,
    target_type varchar(40)   NOT NULL,
    target_id   varchar(60),
    outcome     varchar(10)   NOT NULL CHECK (outcome IN ('SUCCESS', 'REFUSED', 'FAILED')),
    detail      varchar(2000),
    request_id  varchar(64)
);
CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at DESC);
CREATE INDEX audit_log_actor ON audit_log (actor, at DESC);
CREATE INDEX audit_log_action ON audit_log (action, at DESC);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
