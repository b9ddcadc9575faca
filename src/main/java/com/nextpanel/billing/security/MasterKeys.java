package com.nextpanel.billing.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the master keys from config (BILLING_SECRET_KEY, BILLING_SECRET_PREVIOUS_KEYS) and
 * refuses to let the application start without a valid current key.
 */
@ApplicationScoped
public class MasterKeys {

    @Inject
    @ConfigProperty(name = "billing.secret.key")
    Optional<String> currentKey;

    @Inject
    @ConfigProperty(name = "billing.secret.previous-keys")
    Optional<String> previousKeys; // comma-separated; Payara cannot inject Optional<List<…>>

    private SecretCipher cipher;

    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        cipher();
    }

    @Produces
    public synchronized SecretCipher cipher() {
        if (cipher == null) {
            String key = currentKey.filter(k -> !k.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "BILLING_SECRET_KEY is not set: give base64 of 32 random bytes "
                            + "(e.g. `openssl rand -base64 32`); panel credentials are encrypted with it"));
            List<String> previous = previousKeys.map(keys -> List.of(keys.split(","))).orElse(List.of()).stream()
                    .map(String::trim).filter(k -> !k.isEmpty()).toList();
            cipher = new SecretCipher(key, previous);
        }
        return cipher;
    }
}
