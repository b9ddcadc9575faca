package com.nextpanel.dev;

import com.nextpanel.stripe.FakeStripe;
import java.util.Map;

/**
 * The demo's card payments: the fake Stripe API in this JVM, and the settings that point the
 * application at it (its webhooks go back to the application). Not started when STRIPE_SECRET_KEY
 * is set: then the application talks to the Stripe those variables name.
 */
final class DemoStripe implements AutoCloseable {

    private static final String SECRET_KEY = "sk_test_demo_fake_stripe";
    private static final String WEBHOOK_SECRET = "whsec_demo_fake_stripe";

    private final FakeStripe stripe;

    private DemoStripe(FakeStripe stripe) {
        this.stripe = stripe;
    }

    static DemoStripe start(int port, String appUrl, Map<String, String> env) {
        FakeStripe stripe = FakeStripe.start(port, SECRET_KEY);
        stripe.deliverTo(appUrl + "api/v1/payments/stripe/webhook", WEBHOOK_SECRET);
        env.put("STRIPE_API_BASE", stripe.baseUrl());
        env.put("STRIPE_SECRET_KEY", SECRET_KEY);
        env.put("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET);
        return new DemoStripe(stripe);
    }

    /** The banner's line. */
    String describe() {
        return "fake Stripe on " + stripe.baseUrl() + ": pay with card 4242 4242 4242 4242"
                + " (4000 0000 0000 0002 is declined)";
    }

    @Override
    public void close() {
        stripe.close();
    }
}
