-- Emails to customers, queued in the transaction of the business change that causes them and sent
-- by the outbox worker on any node. A welcome email carries the customer's password, so the body
-- is sealed like the panel secrets and wiped once the email is sent (recipient, subject and
-- template stay as the record). account_id, service_id and invoice_id are references without FKs:
-- the tables they point at belong to other components and may come later.
CREATE TABLE email_outbox (
    id              bigserial     PRIMARY KEY,
    recipient       varchar(254)  NOT NULL CHECK (recipient ~ '^[^@\s]+@[^@\s]+$'),
    subject         varchar(300)  NOT NULL CHECK (length(trim(subject)) > 0 AND subject !~ '[\r\n]'),
    template        varchar(20)   NOT NULL
        CHECK (template IN ('welcome', 'invoice', 'suspension', 'unsuspension', 'termination')),
    body_sealed     text          CHECK (body_sealed IS NULL OR body_sealed LIKE 'v1:%'),
    status          varchar(10)   NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts        integer       NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz   NOT NULL,
    claimed_by      varchar(100),
    claimed_until   timestamptz,
    last_error      varchar(1000),
    account_id      bigint,
    service_id      bigint,
    invoice_id      bigint,
    created_at      timestamptz   NOT NULL,
    sent_at         timestamptz,
    -- the body lives exactly as long as it may still be sent (a failed email keeps it for a retry)
    CONSTRAINT email_outbox_body_until_sent CHECK ((status = 'sent') = (body_sealed IS NULL)),
    CONSTRAINT email_outbox_sent_at CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
    -- only an email being sent holds a lease; a lease that ran out may be taken over
    CONSTRAINT email_outbox_lease CHECK ((status = 'sending') = (claimed_until IS NOT NULL AND claimed_by IS NOT NULL))
);
-- The worker's claim: due pending emails, and sending ones whose lease ran out.
CREATE INDEX email_outbox_due ON email_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX email_outbox_lease ON email_outbox (claimed_until) WHERE status = 'sending';
-- The operators' list: newest first, by status or by recipient.
CREATE INDEX email_outbox_created ON email_outbox (created_at DESC, id DESC);
CREATE INDEX email_outbox_status ON email_outbox (status, created_at DESC);
CREATE INDEX email_outbox_recipient ON email_outbox (lower(recipient), created_at DESC);
CREATE INDEX email_outbox_account ON email_outbox (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX email_outbox_invoice ON email_outbox (invoice_id) WHERE invoice_id IS NOT NULL;
