package com.nextpanel.stripe;

/** The fake's hosted checkout page: one labelled card field and a Pay button, plain accessible HTML. */
final class CheckoutPage {

    static final String TEST_CARD = "4242 4242 4242 4242";

    private CheckoutPage() {
    }

    static String form(FakeSession session, String message) {
        String amount = String.format("%d.%02d %s", session.amountTotal / 100, session.amountTotal % 100,
                session.currency.toUpperCase());
        String what = session.metadata.getOrDefault("invoice_number", session.id);
        return page("Pay " + escape(what),
                "<h1>Pay " + escape(what) + "</h1>\n"
                + "<p>Amount: <strong>" + escape(amount) + "</strong></p>\n"
                + (message == null ? "" : "<p role=\"alert\" id=\"message\">" + escape(message) + "</p>\n")
                + "<form method=\"post\" action=\"/pay/" + escape(session.id) + "\">\n"
                + "  <label for=\"card\">Card number</label>\n"
                + "  <input id=\"card\" name=\"card\" inputmode=\"numeric\" autocomplete=\"cc-number\" required"
                + " placeholder=\"" + TEST_CARD + "\" aria-describedby=\"card-hint\">\n"
                + "  <p id=\"card-hint\">Test mode: " + TEST_CARD + " succeeds, 4000 0000 0000 0002 is declined.</p>\n"
                + "  <button type=\"submit\">Pay " + escape(amount) + "</button>\n"
                + "</form>\n"
                + (session.cancelUrl == null ? "" : "<p><a href=\"" + escape(session.cancelUrl) + "\">Cancel</a></p>\n"));
    }

    static String done(String text) {
        return page(text, "<h1>" + escape(text) + "</h1>\n");
    }

    private static String page(String title, String main) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + " – Fake Stripe Checkout</title></head>\n<body><main>\n" + main
                + "</main></body></html>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
