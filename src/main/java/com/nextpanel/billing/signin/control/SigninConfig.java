package com.nextpanel.billing.signin.control;

import com.nextpanel.billing.signin.entity.SessionLifetime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The store's sign-in settings (MP Config; STORE_SESSION_IDLE_HOURS and so on in the environment). */
@ApplicationScoped
public class SigninConfig {

    @Inject
    @ConfigProperty(name = "store.session.idle-hours", defaultValue = "48")
    long idleHours;

    @Inject
    @ConfigProperty(name = "store.session.max-days", defaultValue = "30")
    long maxDays;

    /** Only behind a proxy that sets X-Forwarded-For itself: otherwise any client could name any address. */
    @Inject
    @ConfigProperty(name = "store.trust-forwarded-for", defaultValue = "false")
    boolean trustForwardedFor;

    public SessionLifetime sessionLifetime() {
        return new SessionLifetime(Duration.ofHours(idleHours), Duration.ofDays(maxDays));
    }

    public boolean trustForwardedFor() {
        return trustForwardedFor;
    }
}
