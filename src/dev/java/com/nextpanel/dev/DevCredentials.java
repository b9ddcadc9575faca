package com.nextpanel.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The two secrets a dev start needs, kept in the data folder (mode 600) so that a restart
 * reuses them: the master key that encrypts panel credentials (losing it makes the stored
 * secrets unreadable) and the bootstrap admin token.
 */
final class DevCredentials {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A secret and whether this start created it (then, and only then, it may be shown). */
    record Secret(String value, Path file, boolean generated) {
        @Override
        public String toString() {
            return "Secret[" + (file == null ? "from the environment" : file) + "]";
        }
    }

    private DevCredentials() {
    }

    /** BILLING_SECRET_KEY from the environment, else from (or newly into) {@code <data>/secret.key}. */
    static Secret secretKey(Path data) throws IOException {
        String fromEnv = System.getenv("BILLING_SECRET_KEY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Secret(fromEnv.trim(), null, false);
        }
        Path file = data.resolve("secret.key");
        Secret secret = readOrCreate(file, () -> Base64.getEncoder().encodeToString(randomBytes(32)));
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.value());
        } catch (IllegalArgumentException e) {
            throw new DevServer.RefusedStart(file + " does not hold base64: restore it from a backup"
                    + " (panel secrets stored with the old key cannot be read without it)");
        }
        if (key.length != 32) {
            throw new DevServer.RefusedStart(file + " holds " + key.length + " bytes, not 32");
        }
        return secret;
    }

    /** BILLING_ADMIN_TOKEN from the environment, else from (or newly into) {@code <data>/admin-token}. */
    static Secret adminToken(Path data) throws IOException {
        String fromEnv = System.getenv("BILLING_ADMIN_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Secret(fromEnv.trim(), null, false);
        }
        return readOrCreate(data.resolve("admin-token"),
                () -> "npb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32)));
    }

    private static Secret readOrCreate(Path file, java.util.function.Supplier<String> generator) throws IOException {
        if (Files.exists(file)) {
            restrictToOwner(file);
            String value = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (value.isEmpty()) {
                throw new DevServer.RefusedStart(file + " is empty: delete it to have a new one generated");
            }
            return new Secret(value, file, false);
        }
        String value = generator.get();
        try {
            // Created with mode 600 from the start: never world-readable, not even for an instant.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return readOrCreate(file, generator);
        }
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        return new Secret(value, file, true);
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to tighten
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
