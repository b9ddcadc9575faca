package com.nextpanel.billing.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Tokens are random and long, so a plain SHA-256 is a sound way to store them: nothing to
 * brute-force, and a lookup by hash stays an index lookup.
 */
public final class TokenHash {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHash() {
    }

    public static String of(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A new operator token: "npb_" and 32 random bytes. */
    public static String newToken() {
        return "npb_" + random();
    }

    /** 32 random bytes, base64url without padding (43 characters): session ids, one-time links, CSRF tokens. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Compares without leaking, through timing, how much of a hash matched. */
    public static boolean matches(String token, String expectedHash) {
        return MessageDigest.isEqual(of(token).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
