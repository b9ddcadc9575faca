package com.nextpanel.billing.notify.control;

import com.nextpanel.billing.security.SealedColumn;
import com.nextpanel.billing.security.SealedSecrets;
import com.nextpanel.billing.security.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** The bodies of emails not sent yet (a welcome email carries a password), sealed. */
@ApplicationScoped
@Transactional
public class EmailBodies implements SealedSecrets {

    /** Where an email that carries a secret keeps its body until it is sent. */
    public static final SealedColumn BODIES = new SealedColumn("email_outbox", "body_sealed");

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCipher cipher;

    @Override
    public String kind() {
        return "email_bodies";
    }

    @Override
    public int resealAll() {
        return BODIES.reseal(em, cipher);
    }
}
