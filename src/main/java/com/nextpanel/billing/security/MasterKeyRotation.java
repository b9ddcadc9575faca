package com.nextpanel.billing.security;

import com.nextpanel.billing.audit.control.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;

/**
 * After BILLING_SECRET_KEY changes (the old key kept in BILLING_SECRET_PREVIOUS_KEYS): re-seals
 * every stored secret under the new key, so that the old one can be dropped.
 */
@ApplicationScoped
public class MasterKeyRotation {

    @Inject
    @Any
    Instance<SealedSecrets> holders;

    @Inject
    SecretCipher cipher;

    @Inject
    AuditLog audit;

    /** How many values of each kind were re-sealed. */
    public Map<String, Integer> resealAll() {
        Map<String, Integer> resealed = new TreeMap<>();
        for (SealedSecrets holder : holders) {
            resealed.put(holder.kind(), holder.resealAll());
        }
        audit.success("secrets.reseal", "master_key", cipher.currentKeyId(), "re-sealed " + resealed);
        return resealed;
    }

    public String currentKeyId() {
        return cipher.currentKeyId();
    }
}
