-- Indexes for a big host's lists and searches (a million accounts; bench P6). A list shows newest
-- first (order=asc: oldest first) and counts up to 10,000 matches, so the filters operators use
-- need an index that yields their rows in the list's order, or finds the few at once.

-- Accounts are searched by any part of their username (LIKE '%…%'): a trigram index. pg_trgm is
-- a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX hosting_account_username_trgm ON hosting_account USING gin (username gin_trgm_ops);

-- Accounts and customers are searched by the start of their email, in any case (LIKE 'x%'). Not
-- by any part: the trigrams of an address include its domain's, which most rows share, so a
-- trigram index reads most of its entries to find one address.
CREATE INDEX hosting_account_email ON hosting_account (lower(email) text_pattern_ops);
CREATE INDEX customer_email_prefix ON customer (lower(email) text_pattern_ops);

-- Accounts by server and status, newest first. No index is led by an account's, service's or
-- invoice's status alone: when the statistics had not yet seen a status that had since become
-- common, the planner scanned such an index inside the automation run's joins once per row.
DROP INDEX hosting_account_server;
CREATE INDEX hosting_account_server ON hosting_account (server_id, status, id);

-- The orders list shows each order's first invoice.
CREATE INDEX invoice_order ON invoice (order_id, id);

-- Jobs, last changed first: all of them, by status, by account.
CREATE INDEX panel_job_updated ON panel_job (updated_at, id);
DROP INDEX panel_job_status;
CREATE INDEX panel_job_status ON panel_job (status, updated_at, id);
CREATE INDEX panel_job_account ON panel_job (account_id, updated_at, id);
