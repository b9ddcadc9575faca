-- Audit lines and outbox emails are written many to a transaction (a sweep settles its jobs in
-- groups). Their ids now come in blocks of 50 taken from the sequence (JPA allocationSize 50;
-- EclipseLink reads a value v as the block v-49 .. v), so the rows of a group go to the database
-- in one batch, without a round trip each to learn the id the database gave. A row inserted by
-- plain SQL still takes one value of the sequence, which no block handed out contains. The
-- sequences restart past every id used, so that the first block cannot reach below 1 or back
-- into rows already written.
ALTER SEQUENCE audit_log_id_seq INCREMENT BY 50;
SELECT setval('audit_log_id_seq', GREATEST((SELECT last_value FROM audit_log_id_seq),
                                           (SELECT COALESCE(max(id), 0) FROM audit_log)) + 50, false);
ALTER SEQUENCE email_outbox_id_seq INCREMENT BY 50;
SELECT setval('email_outbox_id_seq', GREATEST((SELECT last_value FROM email_outbox_id_seq),
                                              (SELECT COALESCE(max(id), 0) FROM email_outbox)) + 50, false);
