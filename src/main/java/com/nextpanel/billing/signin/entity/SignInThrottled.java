package com.nextpanel.billing.signin.entity;

import java.time.Duration;

/** Too many failed sign-ins lately: the attempt is refused before its password is checked. */
public class SignInThrottled extends RuntimeException {

    private final Duration retryAfter;

    public SignInThrottled(Duration retryAfter) {
        super("Too many failed sign-ins; try again in " + describe(retryAfter) + ", or reset your password");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    private static String describe(Duration wait) {
        long minutes = (wait.toSeconds() + 59) / 60;
        return minutes <= 1 ? "a minute" : minutes + " minutes";
    }
}
