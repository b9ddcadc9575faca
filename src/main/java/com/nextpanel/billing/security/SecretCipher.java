package com.nextpanel.billing.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secrets at rest. A sealed value reads {@code v2:<key id>:<base64 iv+ciphertext>}
 * and is bound to the place it is kept ({@link SealedPlace}, the GCM associated data): copied to
 * another row or column, it does not open. The key id (a hash prefix of the master key) lets old
 * values be read after the master key is rotated, until {@link #isSealedWithCurrentKey} says they
 * have all been re-encrypted. Values of the earlier, unbound format {@code v1} still open until
 * the re-seal binds them.
 */
public final class SecretCipher {

    private static final String BOUND = "v2";
    private static final String UNBOUND = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    /**
     * @param currentKey   base64 of 32 bytes: encrypts everything new
     * @param previousKeys base64 keys still accepted for decryption (the ones rotated away from)
     */
    public SecretCipher(String currentKey, List<String> previousKeys) {
        SecretKeySpec current = parse(currentKey, "the current master key");
        currentKeyId = idOf(current);
        keys.put(currentKeyId, current);
        for (String previous : previousKeys) {
            SecretKeySpec key = parse(previous, "a previous master key");
            keys.putIfAbsent(idOf(key), key);
        }
    }

    public String seal(String plain, SealedPlace place) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(place.associatedData());
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return BOUND + ":" + currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The plain text of a value sealed for {@code place}; refused if it was sealed for another. */
    public String open(String sealed, SealedPlace place) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !(BOUND.equals(parts[0]) || UNBOUND.equals(parts[0]))) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        SecretKeySpec key = keys.get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("Secret was sealed with master key " + parts[1]
                    + ", which is neither BILLING_SECRET_KEY nor in BILLING_SECRET_PREVIOUS_KEYS");
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            if (BOUND.equals(parts[0])) {
                cipher.updateAAD(place.associatedData());
            }
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Secret at " + place + " could not be decrypted"
                    + " (tampered, copied from another place, or wrong key)", e);
        }
    }

    /** Whether a value is bound to its place and sealed with the current key: nothing to re-seal. */
    public boolean isSealedWithCurrentKey(String sealed) {
        return sealed.startsWith(currentPrefix());
    }

    /** How every value sealed now begins; what does not begin so is re-sealed. */
    public String currentPrefix() {
        return BOUND + ":" + currentKeyId + ":";
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    private static SecretKeySpec parse(String base64, String which) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(which + " is not valid base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException(which + " must be base64 of 32 bytes, not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static String idOf(SecretKeySpec key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
