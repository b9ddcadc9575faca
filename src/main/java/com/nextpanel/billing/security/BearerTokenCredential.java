package com.nextpanel.billing.security;

import jakarta.security.enterprise.credential.Credential;

/** A bearer token as presented; its toString never shows it. */
public record BearerTokenCredential(String token) implements Credential {

    @Override
    public String toString() {
        return "BearerTokenCredential[***]";
    }
}
