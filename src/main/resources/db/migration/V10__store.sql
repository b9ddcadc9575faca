-- The store and the client area: customers who sign in, their sessions and one-time links,
-- failed sign-ins, card payments through Stripe, and where customers open their control panel.

-- A customer signs in with a password (a Pbkdf2PasswordHash value; none until the customer sets
-- one, e.g. a customer an operator created claims the account through "reset password").
ALTER TABLE customer
    ADD COLUMN password_hash     varchar(500),
    ADD COLUMN email_verified_at timestamptz;

-- A signed-in customer. The cookie holds a random id; only its SHA-256 is stored, so a copy of
-- this table opens no session. Any node serves any request: no sticky sessions.
CREATE TABLE customer_session (
    id_hash      char(64)    PRIMARY KEY,
    customer_id  bigint      NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    csrf_token   varchar(64) NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL
);
CREATE INDEX customer_session_customer ON customer_session (customer_id);
CREATE INDEX customer_session_expiry ON customer_session (expires_at);

-- One-time links sent by email (verify the address, reset the password); only the token's
-- SHA-256 is stored. A link works once and until it expires.
CREATE TABLE customer_link (
    token_hash  char(64)    PRIMARY KEY,
    customer_id bigint      NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    purpose     varchar(20) NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    CHECK (expires_at > created_at)
);
CREATE INDEX customer_link_customer ON customer_link (customer_id, purpose);

-- Failed sign-ins, counted per email and per client address over a window, in the database so
-- that the limit holds across nodes.
CREATE TABLE sign_in_failure (
    id             bigserial    PRIMARY KEY,
    email          varchar(254) NOT NULL,
    client_address varchar(64)  NOT NULL,
    failed_at      timestamptz  NOT NULL
);
CREATE INDEX sign_in_failure_email ON sign_in_failure (email, failed_at);
CREATE INDEX sign_in_failure_address ON sign_in_failure (client_address, failed_at);

-- Each Stripe event is applied once, however often Stripe delivers it.
CREATE TABLE stripe_event (
    id          varchar(255) PRIMARY KEY,
    type        varchar(100) NOT NULL,
    received_at timestamptz  NOT NULL
);

-- The address customers open their control panel at; the API base URL the billing calls is
-- often an internal one. Empty: customers are shown the base URL.
ALTER TABLE panel_server ADD COLUMN panel_url varchar(500);

-- How the customer chose to pay when ordering: by card through Stripe, or by bank transfer.
ALTER TABLE hosting_order
    ADD COLUMN gateway varchar(20) CHECK (gateway IN ('stripe', 'bank_transfer'));

-- A service whose payment arrived but whose account could not be opened (e.g. the username was
-- taken between order and payment) waits for an operator; the money stays recorded.
ALTER TABLE service ALTER COLUMN status TYPE varchar(20);
ALTER TABLE service DROP CONSTRAINT service_status_check;
ALTER TABLE service ADD CONSTRAINT service_status_check
    CHECK (status IN ('pending', 'active', 'suspended', 'terminated', 'failed', 'needs_attention'));

ALTER TABLE alert DROP CONSTRAINT alert_kind_check;
ALTER TABLE alert ADD CONSTRAINT alert_kind_check
    CHECK (kind IN ('server_offline', 'server_nearly_full', 'job_needs_attention', 'service_needs_attention'));

ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_template_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_template_check
    CHECK (template IN ('welcome', 'invoice', 'suspension', 'unsuspension', 'termination',
                        'email_verification', 'password_reset', 'payment_receipt'));
