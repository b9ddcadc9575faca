-- Accounts and jobs take their ids in blocks of 50 too (see V5): opening an account then writes
-- its row once, already placed on its server, and its job, without a round trip each to learn
-- the id the database gave (a provision went from 7 statements to 4).
ALTER SEQUENCE hosting_account_id_seq INCREMENT BY 50;
SELECT setval('hosting_account_id_seq', GREATEST((SELECT last_value FROM hosting_account_id_seq),
                                                 (SELECT COALESCE(max(id), 0) FROM hosting_account)) + 50, false);
ALTER SEQUENCE panel_job_id_seq INCREMENT BY 50;
SELECT setval('panel_job_id_seq', GREATEST((SELECT last_value FROM panel_job_id_seq),
                                           (SELECT COALESCE(max(id), 0) FROM panel_job)) + 50, false);
