-- Billing: customers, plans, orders, services, invoices, payments. Money is numeric(12,2) with
-- an ISO currency; never a float.
CREATE TABLE customer (
    id         bigserial    PRIMARY KEY,
    email      varchar(254) NOT NULL CHECK (email LIKE '%_@_%'),
    full_name  varchar(100) NOT NULL CHECK (length(trim(full_name)) > 0),
    phone      varchar(32),
    company    varchar(100),
    created_at timestamptz  NOT NULL
);
CREATE UNIQUE INDEX customer_email_unique ON customer (lower(email));

CREATE TABLE plan (
    id                 bigserial     PRIMARY KEY,
    name               varchar(100)  NOT NULL CHECK (length(trim(name)) > 0),
    price              numeric(12,2) NOT NULL CHECK (price >= 0),
    currency           char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    billing_cycle      varchar(10)   NOT NULL CHECK (billing_cycle IN ('monthly', 'quarterly', 'semiannual', 'annual')),
    package_id         bigint        NOT NULL CHECK (package_id > 0),
    preferred_location varchar(100),
    preferred_tag      varchar(50),
    is_active          boolean       NOT NULL DEFAULT true,
    created_at         timestamptz   NOT NULL
);
CREATE UNIQUE INDEX plan_name_unique ON plan (lower(name));

CREATE TABLE hosting_order (
    id          bigserial   PRIMARY KEY,
    customer_id bigint      NOT NULL REFERENCES customer (id),
    plan_id     bigint      NOT NULL REFERENCES plan (id),
    username    varchar(32) NOT NULL CHECK (username ~ '^[a-z][a-z0-9_]{2,31}$'),
    status      varchar(10) NOT NULL CHECK (status IN ('pending', 'paid', 'active', 'cancelled', 'failed')),
    created_at  timestamptz NOT NULL,
    paid_at     timestamptz,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX hosting_order_customer ON hosting_order (customer_id);

-- The running hosting service an order bought: its account on a panel and when it is next due.
CREATE TABLE service (
    id                       bigserial   PRIMARY KEY,
    customer_id              bigint      NOT NULL REFERENCES customer (id),
    plan_id                  bigint      NOT NULL REFERENCES plan (id),
    order_id                 bigint      NOT NULL UNIQUE REFERENCES hosting_order (id),
    account_id               bigint      UNIQUE REFERENCES hosting_account (id),
    status                   varchar(12) NOT NULL
        CHECK (status IN ('pending', 'active', 'suspended', 'terminated', 'failed')),
    next_due_date            date        NOT NULL,
    suspended_for_nonpayment boolean     NOT NULL DEFAULT false,
    cancel_at                date,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    terminated_at            timestamptz
);
CREATE INDEX service_customer ON service (customer_id);
CREATE INDEX service_due ON service (next_due_date) WHERE status IN ('active', 'suspended');
CREATE INDEX service_cancel_due ON service (cancel_at) WHERE cancel_at IS NOT NULL;

CREATE SEQUENCE invoice_number_seq;
CREATE TABLE invoice (
    id           bigserial     PRIMARY KEY,
    number       varchar(20)   NOT NULL UNIQUE,
    customer_id  bigint        NOT NULL REFERENCES customer (id),
    order_id     bigint        REFERENCES hosting_order (id),
    service_id   bigint        REFERENCES service (id),
    period_start date,
    period_end   date,
    total        numeric(12,2) NOT NULL CHECK (total >= 0),
    currency     char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    due_date     date          NOT NULL,
    status       varchar(10)   NOT NULL CHECK (status IN ('unpaid', 'paid', 'overdue', 'cancelled')),
    issued_at    timestamptz   NOT NULL,
    paid_at      timestamptz,
    CHECK (period_end IS NULL OR period_end > period_start)
);
-- One invoice per service and period: a renewal run twice, or on two nodes, bills once.
CREATE UNIQUE INDEX invoice_one_per_period ON invoice (service_id, period_start) WHERE service_id IS NOT NULL;
CREATE INDEX invoice_open_due ON invoice (due_date) WHERE status IN ('unpaid', 'overdue');
CREATE INDEX invoice_customer ON invoice (customer_id);

CREATE TABLE invoice_line (
    id          bigserial     PRIMARY KEY,
    invoice_id  bigint        NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
    position    integer       NOT NULL,
    description varchar(300)  NOT NULL,
    amount      numeric(12,2) NOT NULL,
    UNIQUE (invoice_id, position)
);

-- A payment notification replayed by a gateway carries the same reference: harmless.
CREATE TABLE payment (
    id                 bigserial     PRIMARY KEY,
    invoice_id         bigint        NOT NULL REFERENCES invoice (id),
    amount             numeric(12,2) NOT NULL CHECK (amount > 0),
    currency           char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    method             varchar(30)   NOT NULL,
    external_reference varchar(100)  NOT NULL UNIQUE,
    received_at        timestamptz   NOT NULL
);
CREATE INDEX payment_invoice ON payment (invoice_id);

-- What each automation run did.
CREATE TABLE automation_run (
    id               bigserial    PRIMARY KEY,
    trigger          varchar(10)  NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    node             varchar(100) NOT NULL,
    started_at       timestamptz  NOT NULL,
    finished_at      timestamptz,
    business_date    date         NOT NULL,
    overdue_marked   integer      NOT NULL DEFAULT 0,
    suspended        integer      NOT NULL DEFAULT 0,
    unsuspended      integer      NOT NULL DEFAULT 0,
    terminated       integer      NOT NULL DEFAULT 0,
    invoices_created integer      NOT NULL DEFAULT 0,
    failures         integer      NOT NULL DEFAULT 0,
    detail           varchar(4000)
);

-- Work that must run on one node at a time (the automation run) holds a lease here.
CREATE TABLE scheduler_lease (
    name   varchar(50)  PRIMARY KEY,
    holder varchar(100),
    until  timestamptz  NOT NULL DEFAULT '-infinity'
);
INSERT INTO scheduler_lease (name) VALUES ('billing-automation');

-- A plan may prefer where its accounts go.
ALTER TABLE hosting_account
    ADD COLUMN preferred_location varchar(100),
    ADD COLUMN preferred_tag      varchar(50);
