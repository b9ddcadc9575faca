-- One queue: an email is sent by a job of kind SEND_EMAIL, claimed, leased, retried and given up
-- on like a panel action. The email row keeps what is sent and how it went; its job, when it is
-- tried next and which node holds it. (The table keeps its name: sealed job secrets are bound to
-- "panel_job.secret_sealed".)
ALTER TABLE panel_job DROP CONSTRAINT panel_job_kind_check;
ALTER TABLE panel_job ADD CONSTRAINT panel_job_kind_check
    CHECK (kind IN ('PROVISION', 'SUSPEND', 'UNSUSPEND', 'TERMINATE', 'SEND_EMAIL'));
ALTER TABLE panel_job ALTER COLUMN account_id DROP NOT NULL;
-- Checked at commit: JPA writes the job and its email in the same transaction, in an order of its own.
ALTER TABLE panel_job ADD COLUMN email_id bigint REFERENCES email_outbox (id) DEFERRABLE INITIALLY DEFERRED;
-- A job acts on one thing: an account on a panel, or an email.
ALTER TABLE panel_job ADD CONSTRAINT panel_job_one_subject
    CHECK (CASE WHEN kind = 'SEND_EMAIL' THEN email_id IS NOT NULL AND account_id IS NULL
                ELSE account_id IS NOT NULL AND email_id IS NULL END);
CREATE INDEX panel_job_email ON panel_job (email_id) WHERE email_id IS NOT NULL;
-- The worker claims panel actions and emails apart (each lane has its own places on a node): one
-- due index per lane, so that neither claim walks past the other lane's backlog.
DROP INDEX panel_job_due;
CREATE INDEX panel_job_due_on_panels ON panel_job (next_attempt_at) WHERE status = 'pending' AND kind <> 'SEND_EMAIL';
CREATE INDEX panel_job_due_emails ON panel_job (next_attempt_at) WHERE status = 'pending' AND kind = 'SEND_EMAIL';

-- The outbox's own queue becomes jobs: emails waiting or being sent are due now; failed ones
-- wait for an operator, as a job that needs attention.
INSERT INTO panel_job (kind, email_id, status, attempts, max_attempts, next_attempt_at, requested_by,
                       created_at, updated_at, finished_at, last_error)
SELECT 'SEND_EMAIL', id,
       CASE WHEN status = 'failed' THEN 'needs_attention' ELSE 'pending' END,
       CASE WHEN status = 'sending' THEN GREATEST(attempts - 1, 0) ELSE attempts END,
       GREATEST(attempts + 1, 6),
       CASE WHEN status = 'sending' THEN now() ELSE next_attempt_at END,
       'system', created_at, now(), CASE WHEN status = 'failed' THEN now() END, last_error
FROM email_outbox WHERE status IN ('pending', 'sending', 'failed');
UPDATE email_outbox SET status = 'pending', attempts = GREATEST(attempts - 1, 0) WHERE status = 'sending';

ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_lease;
DROP INDEX email_outbox_due;
DROP INDEX email_outbox_lease;
ALTER TABLE email_outbox DROP COLUMN next_attempt_at, DROP COLUMN claimed_by, DROP COLUMN claimed_until;
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_status_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check CHECK (status IN ('pending', 'sent', 'failed'));
