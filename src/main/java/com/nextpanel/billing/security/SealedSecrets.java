package com.nextpanel.billing.security;

/**
 * Secrets a component keeps sealed with the master key. On a key rotation every holder is asked
 * to re-seal what it keeps under the current key (see {@link MasterKeyRotation}).
 */
public interface SealedSecrets {

    /** What they are, as the rotation's answer names them ("servers", "job_passwords", …). */
    String kind();

    /** Re-seals every value not yet under the current key; answers how many were. */
    int resealAll();
}
