package com.nextpanel.billing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY_A = key('a');
    private static final String KEY_B = key('b');

    private static final SealedPlace ROW_1 = new SealedPlace("panel_server", "api_secret_sealed", 1);
    private static final SealedPlace ROW_2 = new SealedPlace("panel_server", "api_secret_sealed", 2);
    /** "nps_secret" sealed with KEY_A in the earlier format, bound to no place. */
    private static final String UNBOUND = "v1:3ba3f5f4:+gGkINRIZZB/TDUwzn3G+9ywlsHpjZX++tHssHHQ78feMPOvB+E=";

    private static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes());
    }

    @Test
    void sealedSecretOpensToTheSameTextAndShowsNothingOfIt() {
        var cipher = new SecretCipher(KEY_A, List.of());

        String sealed = cipher.seal("nps_super_secret", ROW_1);

        assertThat(sealed).startsWith("v2:" + cipher.currentKeyId() + ":").doesNotContain("nps_super_secret");
        assertThat(cipher.open(sealed, ROW_1)).isEqualTo("nps_super_secret");
    }

    @Test
    void theSameSecretSealsDifferentlyEachTime() {
        var cipher = new SecretCipher(KEY_A, List.of());

        assertThat(cipher.seal("same", ROW_1)).isNotEqualTo(cipher.seal("same", ROW_1));
    }

    @Test
    void aTamperedSecretIsRefused() {
        var cipher = new SecretCipher(KEY_A, List.of());
        String sealed = cipher.seal("nps_secret", ROW_1);
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);

        assertThatThrownBy(() -> cipher.open(tampered, ROW_1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be decrypted");
    }

    @Test
    void afterRotationOldSecretsStillOpenUntilResealed() {
        var before = new SecretCipher(KEY_A, List.of());
        String old = before.seal("nps_secret", ROW_1);
        var after = new SecretCipher(KEY_B, List.of(KEY_A));

        assertThat(after.open(old, ROW_1)).isEqualTo("nps_secret");
        assertThat(after.isSealedWithCurrentKey(old)).isFalse();
        String resealed = after.seal(after.open(old, ROW_1), ROW_1);
        assertThat(after.isSealedWithCurrentKey(resealed)).isTrue();
        assertThat(new SecretCipher(KEY_B, List.of()).open(resealed, ROW_1)).isEqualTo("nps_secret");
    }

    @Test
    void aSecretSealedWithAForgottenKeySaysWhichKeyIsMissing() {
        String old = new SecretCipher(KEY_A, List.of()).seal("nps_secret", ROW_1);
        var withoutA = new SecretCipher(KEY_B, List.of());

        assertThatThrownBy(() -> withoutA.open(old, ROW_1)).hasMessageContaining("BILLING_SECRET_PREVIOUS_KEYS");
    }

    @Test
    void aSecretCopiedToAnotherRowOrColumnDoesNotOpenThere() {
        var cipher = new SecretCipher(KEY_A, List.of());
        String sealed = cipher.seal("nps_secret", ROW_1);

        assertThatThrownBy(() -> cipher.open(sealed, ROW_2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("panel_server.api_secret_sealed#2").hasMessageContaining("copied");
        assertThatThrownBy(() -> cipher.open(sealed, new SealedPlace("panel_server", "api_key_sealed", 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecretOfTheUnboundFormatOpensAnywhereUntilResealedToItsRow() {
        var cipher = new SecretCipher(KEY_A, List.of());

        assertThat(cipher.open(UNBOUND, ROW_1)).isEqualTo("nps_secret");
        assertThat(cipher.isSealedWithCurrentKey(UNBOUND)).isFalse(); // so the re-seal takes it
        String bound = cipher.seal(cipher.open(UNBOUND, ROW_1), ROW_1);
        assertThat(cipher.isSealedWithCurrentKey(bound)).isTrue();
        assertThatThrownBy(() -> cipher.open(bound, ROW_2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> new SecretCipher(Base64.getEncoder().encodeToString(new byte[16]), List.of()))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new SecretCipher("not base64!", List.of())).hasMessageContaining("base64");
    }
}
