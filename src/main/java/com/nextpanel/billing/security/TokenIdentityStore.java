package com.nextpanel.billing.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Knows the bootstrap admin token (from config, BILLING_ADMIN_TOKEN) and the operator tokens
 * kept hashed in the database.
 */
@ApplicationScoped
public class TokenIdentityStore implements IdentityStore {

    static final String BOOTSTRAP_CALLER = "admin";
    /** As long as the tokens we issue carry entropy for: a short one is guessable, and it is an admin. */
    static final int SHORTEST_ADMIN_TOKEN = 32;
    private static final Logger LOG = Logger.getLogger(TokenIdentityStore.class.getName());
    /** Writing last_used_at on every call would turn each read into a write. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    @Inject
    @ConfigProperty(name = "billing.admin.token")
    Optional<String> adminToken;

    @Inject
    OperatorTokens tokens;

    @Inject
    Clock clock;

    private String adminTokenHash;

    /** Creating the store at deployment makes a too-short token stop the start, not the first call. */
    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // the observer itself is the check: this bean's @PostConstruct has run by now
    }

    @PostConstruct
    void init() {
        String token = adminToken.filter(t -> !t.isBlank()).orElse(null);
        if (token == null) {
            LOG.warning("BILLING_ADMIN_TOKEN is not set: only operator tokens kept in the database can sign in");
            return;
        }
        if (token.length() < SHORTEST_ADMIN_TOKEN) {
            throw new IllegalStateException("BILLING_ADMIN_TOKEN has " + token.length() + " characters; it needs at least "
                    + SHORTEST_ADMIN_TOKEN + " (e.g. `openssl rand -base64 32`), or leave it unset and sign in with"
                    + " operator tokens only");
        }
        adminTokenHash = TokenHash.of(token);
    }

    /** Not transactional: most calls carry the bootstrap token, which needs no database at all. */
    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof BearerTokenCredential bearer) || bearer.token().isBlank()) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        if (adminTokenHash != null && TokenHash.matches(bearer.token(), adminTokenHash)) {
            return new CredentialValidationResult(BOOTSTRAP_CALLER, Set.of(Roles.ADMIN));
        }
        return tokens.findActive(TokenHash.of(bearer.token()))
                .map(this::accept)
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    private CredentialValidationResult accept(OperatorToken token) {
        Instant now = clock.instant();
        if (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_PRECISION).isBefore(now)) {
            tokens.markUsed(token.id(), now);
        }
        // the token's id rides along as the caller's unique id, for the audit log
        return new CredentialValidationResult(null, new CallerPrincipal(token.name()), null,
                String.valueOf(token.id()), Set.of(token.role()));
    }
}
