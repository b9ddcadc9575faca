-- Hosting accounts on the panels. A pending account may not be placed yet (billing queues the
-- job first); every other live state sits on a server. slot_held says whether the account
-- counts in its server's current_accounts, so releasing a slot is idempotent.
CREATE TABLE hosting_account (
    id                bigserial    PRIMARY KEY,
    server_id         bigint       REFERENCES panel_server (id),
    panel_user_id     bigint,
    username          varchar(32)  NOT NULL CHECK (username ~ '^[a-z][a-z0-9_]{2,31}$'),
    email             varchar(254) NOT NULL,
    full_name         varchar(100),
    phone             varchar(32),
    company           varchar(100),
    package_id        bigint,
    customer_id       bigint,
    order_id          bigint,
    status            varchar(12)  NOT NULL
        CHECK (status IN ('pending', 'active', 'suspended', 'terminated', 'failed')),
    slot_held         boolean      NOT NULL DEFAULT false,
    suspended_at      timestamptz,
    suspension_reason varchar(500),
    terminated_at     timestamptz,
    failure_reason    varchar(1000),
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    version           bigint       NOT NULL DEFAULT 0,
    CONSTRAINT hosting_account_placed CHECK (server_id IS NOT NULL OR status IN ('pending', 'failed')),
    CONSTRAINT hosting_account_created_on_panel CHECK (panel_user_id IS NOT NULL OR status IN ('pending', 'failed')),
    CONSTRAINT hosting_account_slot_only_when_placed CHECK (NOT slot_held OR server_id IS NOT NULL)
);
-- A username belongs to one live account (terminated and failed ones free it).
CREATE UNIQUE INDEX hosting_account_username_live ON hosting_account (username)
    WHERE status NOT IN ('terminated', 'failed');
CREATE INDEX hosting_account_server ON hosting_account (server_id, status);
CREATE INDEX hosting_account_customer ON hosting_account (customer_id);
CREATE INDEX hosting_account_order ON hosting_account (order_id);

-- Every change of an account on a panel is a job (DESIGN rule 3).
CREATE TABLE panel_job (
    id               bigserial     PRIMARY KEY,
    kind             varchar(12)   NOT NULL CHECK (kind IN ('PROVISION', 'SUSPEND', 'UNSUSPEND', 'TERMINATE')),
    account_id       bigint        NOT NULL REFERENCES hosting_account (id),
    status           varchar(16)   NOT NULL
        CHECK (status IN ('pending', 'in_progress', 'done', 'failed', 'needs_attention', 'cancelled')),
    attempts         integer       NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts     integer       NOT NULL CHECK (max_attempts > 0),
    next_attempt_at  timestamptz   NOT NULL,
    claimed_by       varchar(100),
    claimed_until    timestamptz,
    -- a create was sent but its answer was lost: the panel may have made the account
    outcome_unknown  boolean       NOT NULL DEFAULT false,
    reason           varchar(500),
    -- the customer's password for a create, sealed like panel secrets; wiped once the job is
    -- done, failed or cancelled (kept while it needs attention, so an operator can retry it)
    secret_sealed    text          CHECK (secret_sealed IS NULL OR secret_sealed LIKE 'v1:%'),
    last_error       varchar(1000),
    requested_by     varchar(100)  NOT NULL,
    created_at       timestamptz   NOT NULL,
    updated_at       timestamptz   NOT NULL,
    finished_at      timestamptz,
    CONSTRAINT panel_job_secret_wiped CHECK (secret_sealed IS NULL OR status IN ('pending', 'in_progress', 'needs_attention'))
);
-- One open action per account at a time.
CREATE UNIQUE INDEX panel_job_one_open_per_account ON panel_job (account_id)
    WHERE status IN ('pending', 'in_progress');
-- The worker's claim query.
CREATE INDEX panel_job_due ON panel_job (next_attempt_at) WHERE status = 'pending';
CREATE INDEX panel_job_lease ON panel_job (claimed_until) WHERE status = 'in_progress';
CREATE INDEX panel_job_status ON panel_job (status, updated_at DESC);

-- What an operator must look at. One open alert per kind and target.
CREATE TABLE alert (
    id          bigserial     PRIMARY KEY,
    kind        varchar(30)   NOT NULL CHECK (kind IN ('server_offline', 'server_nearly_full', 'job_needs_attention')),
    target_type varchar(20)   NOT NULL,
    target_id   bigint        NOT NULL,
    message     varchar(1000) NOT NULL,
    opened_at   timestamptz   NOT NULL,
    resolved_at timestamptz,
    resolved_by varchar(100)
);
CREATE UNIQUE INDEX alert_one_open ON alert (kind, target_type, target_id) WHERE resolved_at IS NULL;
CREATE INDEX alert_open ON alert (opened_at DESC) WHERE resolved_at IS NULL;

-- Each panel's outbound budget and isolation, shared by every app node.
ALTER TABLE panel_server
    ADD COLUMN call_failures      integer     NOT NULL DEFAULT 0 CHECK (call_failures >= 0),
    ADD COLUMN isolated_until     timestamptz,
    ADD COLUMN rate_limited_until timestamptz;

CREATE TABLE panel_call_budget (
    server_id    bigint      NOT NULL REFERENCES panel_server (id) ON DELETE CASCADE,
    window_start timestamptz NOT NULL,
    used         integer     NOT NULL CHECK (used >= 0),
    PRIMARY KEY (server_id, window_start)
);
