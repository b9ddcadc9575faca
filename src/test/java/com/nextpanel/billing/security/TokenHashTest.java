package com.nextpanel.billing.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenHashTest {

    @Test
    void newTokensAreLongRandomAndPrefixed() {
        String a = TokenHash.newToken();
        String b = TokenHash.newToken();

        assertThat(a).startsWith("npb_").hasSizeGreaterThan(40).isNotEqualTo(b);
    }

    @Test
    void aTokenMatchesOnlyItsOwnHash() {
        String token = TokenHash.newToken();
        String hash = TokenHash.of(token);

        assertThat(hash).hasSize(64).doesNotContain(token.substring(4));
        assertThat(TokenHash.matches(token, hash)).isTrue();
        assertThat(TokenHash.matches(token + "x", hash)).isFalse();
    }

    @Test
    void theCredentialNeverPrintsItsToken() {
        assertThat(new BearerTokenCredential("npb_secret_value").toString()).doesNotContain("secret_value");
    }
}
