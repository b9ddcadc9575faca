package com.nextpanel.stripe;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * GET /pay/{session}: the checkout page. POST /pay/{session} with card=…: 4242… pays (the
 * webhook is delivered, then 303 to the success URL with {CHECKOUT_SESSION_ID} filled in),
 * 4000 0000 0000 0002 is declined, anything else is refused with a hint.
 */
final class HostedCheckout {

    private final FakeStripe stripe;

    HostedCheckout(FakeStripe stripe) {
        this.stripe = stripe;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/pay/".length());
            FakeSession session = stripe.sessions.get(id);
            if (session == null) {
                html(exchange, 404, CheckoutPage.done("This checkout session does not exist"));
            } else if (session.paid()) {
                html(exchange, 200, CheckoutPage.done("This checkout session is paid already"));
            } else if (exchange.getRequestMethod().equals("POST")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String card = FormParams.parse(body).get("card", "").replaceAll("[\\s-]", "");
                if (card.equals(FakeStripe.TEST_CARD)) {
                    stripe.pay(id, FakeStripe.Webhooks.ONCE);
                    exchange.getResponseHeaders().set("Location",
                            session.successUrl.replace("{CHECKOUT_SESSION_ID}", id));
                    FakeStripe.answer(exchange, 303, "text/plain", "");
                } else if (card.equals(FakeStripe.DECLINED_CARD)) {
                    html(exchange, 402, CheckoutPage.form(session, "Your card was declined. Try another card."));
                } else {
                    html(exchange, 422, CheckoutPage.form(session,
                            "Test mode: use " + CheckoutPage.TEST_CARD + " (or 4000 0000 0000 0002 to be declined)."));
                }
            } else {
                html(exchange, 200, CheckoutPage.form(session, null));
            }
        }
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        FakeStripe.answer(exchange, status, "text/html; charset=utf-8", page);
    }
}
