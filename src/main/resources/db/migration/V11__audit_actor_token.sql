-- Which operator token acted, beside its name: names can repeat over time, token ids do not.
-- Empty for the bootstrap admin token, the application itself and customers.
ALTER TABLE audit_log ADD COLUMN actor_token_id bigint;
