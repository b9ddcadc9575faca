package com.nextpanel.billing.automation.control;

import com.nextpanel.billing.security.SealedColumn;
import com.nextpanel.billing.security.SealedSecrets;
import com.nextpanel.billing.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The customers' passwords that unfinished provisioning jobs carry, sealed. */
@ApplicationScoped
@Transactional
public class JobSecrets implements SealedSecrets {

    /** Where a provisioning job keeps the customer's password until the account is created. */
    public static final SealedColumn PASSWORDS = new SealedColumn("panel_job", "secret_sealed");

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Override
    public String kind() {
        return "job_passwords";
    }

    @Override
    public int resealAll() {
        return PASSWORDS.reseal(em, cipher);
    }
}
