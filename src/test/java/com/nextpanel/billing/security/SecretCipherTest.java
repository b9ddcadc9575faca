package com.nextpanel.billing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY_A = key('a');
    private static final String KEY_B = key('b');

    private static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes());
    }

    @Test
    void sealedSecretOpensToTheSameTextAndShowsNothingOfIt() {
        var cipher = new SecretCipher(KEY_A, List.of());

        String sealed = cipher.seal("nps_super_secret");

        assertThat(sealed).startsWith("v1:" + cipher.currentKeyId() + ":").doesNotContain("nps_super_secret");
        assertThat(cipher.open(sealed)).isEqualTo("nps_super_secret");
    }

    @Test
    void theSameSecretSealsDifferentlyEachTime() {
        var cipher = new SecretCipher(KEY_A, List.of());

        assertThat(cipher.seal("same")).isNotEqualTo(cipher.seal("same"));
    }

    @Test
    void aTamperedSecretIsRefused() {
        var cipher = new SecretCipher(KEY_A, List.of());
        String sealed = cipher.seal("nps_secret");
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);

        assertThatThrownBy(() -> cipher.open(tampered)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be decrypted");
    }

    @Test
    void afterRotationOldSecretsStillOpenUntilResealed() {
        var before = new SecretCipher(KEY_A, List.of());
        String old = before.seal("nps_secret");
        var after = new SecretCipher(KEY_B, List.of(KEY_A));

        assertThat(after.open(old)).isEqualTo("nps_secret");
        assertThat(after.isSealedWithCurrentKey(old)).isFalse();
        String resealed = after.seal(after.open(old));
        assertThat(after.isSealedWithCurrentKey(resealed)).isTrue();
        assertThat(new SecretCipher(KEY_B, List.of()).open(resealed)).isEqualTo("nps_secret");
    }

    @Test
    void aSecretSealedWithAForgottenKeySaysWhichKeyIsMissing() {
        String old = new SecretCipher(KEY_A, List.of()).seal("nps_secret");
        var withoutA = new SecretCipher(KEY_B, List.of());

        assertThatThrownBy(() -> withoutA.open(old)).hasMessageContaining("BILLING_SECRET_PREVIOUS_KEYS");
    }

    @Test
    void aKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> new SecretCipher(Base64.getEncoder().encodeToString(new byte[16]), List.of()))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretCipher("not base64!", List.of())).hasMessageContaining("base64");
    }
}
