-- Accounts and jobs take their ids in blocks of 50 too (see V5): opening an account then writes
-- its row once, already placed on its server, and its job, without a round trip each to learn
-- the id the database gave (a provision went from 7 statements to 4). The next value is the last
-- id used + 50, so that the first block starts right after it: on a new database the first
-- account is 1, as the README's walk through the seed's calls expects.
ALTER SEQUENCE hosting_account_id_seq INCREMENT BY 50;
SELECT setval('hosting_account_id_seq',
              GREATEST((SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM hosting_account_id_seq),
                       (SELECT COALESCE(max(id), 0) FROM hosting_account)) + 50, false);
ALTER SEQUENCE panel_job_id_seq INCREMENT BY 50;
SELECT setval('panel_job_id_seq',
              GREATEST((SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM panel_job_id_seq),
                       (SELECT COALESCE(max(id), 0) FROM panel_job)) + 50, false);
