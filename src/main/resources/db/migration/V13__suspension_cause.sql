-- Why an account is suspended, as a type: only a non-payment suspension is lifted by a payment,
-- whatever its reason text says (the text is what the panel and the customer read).
ALTER TABLE hosting_account ADD COLUMN suspension_cause varchar(12)
    CHECK (suspension_cause IN ('non_payment', 'operator'));
-- What billing recorded for the suspensions so far (service.suspended_for_nonpayment); an account
-- without a service was suspended by an operator through the API.
UPDATE hosting_account a SET suspension_cause = CASE WHEN EXISTS (SELECT 1 FROM service s
        WHERE s.account_id = a.id AND s.suspended_for_nonpayment) THEN 'non_payment' ELSE 'operator' END
    WHERE a.suspended_at IS NOT NULL;
ALTER TABLE hosting_account ADD CONSTRAINT hosting_account_suspension_has_cause
    CHECK (status <> 'suspended' OR suspension_cause IS NOT NULL);

-- A suspension job carries its cause to the account it suspends.
ALTER TABLE panel_job ADD COLUMN suspension_cause varchar(12)
    CHECK (suspension_cause IN ('non_payment', 'operator'));
-- Jobs queued before this column were told apart by their text, as the application did then.
UPDATE panel_job SET suspension_cause = CASE WHEN reason = 'Payment overdue' THEN 'non_payment' ELSE 'operator' END
    WHERE kind = 'SUSPEND';
ALTER TABLE panel_job ADD CONSTRAINT panel_job_suspension_has_cause
    CHECK ((kind = 'SUSPEND') = (suspension_cause IS NOT NULL));
