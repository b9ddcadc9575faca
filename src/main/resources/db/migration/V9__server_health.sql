-- is_online now means "the latest probe succeeded": a server is no longer shown online, nor given
-- new accounts, while it fails its first probes. The offline threshold is derived from
-- consecutive_failures (see ServerHealth). Rows written under the old rule are brought in line.
UPDATE panel_server SET is_online = false WHERE is_online AND consecutive_failures > 0;
ALTER TABLE panel_server ADD CONSTRAINT panel_server_online_without_failures
    CHECK (NOT is_online OR consecutive_failures = 0);
-- During a rolling upgrade, a node still on the old code cannot record a failure below the
-- threshold (its UPDATE keeps is_online true and is refused; it logs a warning) until it is upgraded.
