-- Sealed values now carry the place they are kept (table, column, row id) as AES-GCM associated
-- data, in format v2; v1 values, sealed before, still open until the re-seal endpoint binds them.
ALTER TABLE panel_server DROP CONSTRAINT panel_server_api_key_sealed_check;
ALTER TABLE panel_server ADD CONSTRAINT panel_server_api_key_sealed_check CHECK (api_key_sealed ~ '^v[12]:');
ALTER TABLE panel_server DROP CONSTRAINT panel_server_api_secret_sealed_check;
ALTER TABLE panel_server ADD CONSTRAINT panel_server_api_secret_sealed_check CHECK (api_secret_sealed ~ '^v[12]:');
ALTER TABLE panel_job DROP CONSTRAINT panel_job_secret_sealed_check;
ALTER TABLE panel_job ADD CONSTRAINT panel_job_secret_sealed_check
    CHECK (secret_sealed IS NULL OR secret_sealed ~ '^v[12]:');
ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_body_sealed_check;
ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_body_sealed_check CHECK (body_sealed IS NULL OR body_sealed ~ '^v[12]:');
