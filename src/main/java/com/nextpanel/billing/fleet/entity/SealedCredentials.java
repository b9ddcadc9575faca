package com.nextpanel.billing.fleet.entity;

/** A panel's key and secret as stored: both sealed, plus a printable hint of the key. */
public record SealedCredentials(String apiKey, String apiSecret, String keyHint) {

    @Override
    public String toString() {
        return "SealedCredentials[" + keyHint + "]";
    }
}
