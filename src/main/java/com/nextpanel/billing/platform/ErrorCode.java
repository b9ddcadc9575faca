package com.nextpanel.billing.platform;

/**
 * Every kind of {@link Refusal} the application makes, with the problem {@code type} and
 * {@code title} its answer carries. Callers tell refusals apart by code, never by text; the HTTP
 * status of each code is the REST boundary's business ({@link ProblemMappers#status}). A code
 * answers one way on the wire: when the same kind of thing needs another status, it is another code.
 */
public enum ErrorCode {

    /** A parameter or value this call does not take (a page out of range, an unknown filter). */
    INVALID_INPUT("bad-request", "Bad request"),
    /** Body fields that break their rules; the {@code errors} member lists them. */
    INVALID_FIELDS("validation", "Invalid request"),
    /** A body that is not JSON, or not JSON of this call's shape. */
    MALFORMED_JSON("malformed-json", "Malformed JSON"),
    /** An emailed link that is unknown, used or expired. */
    INVALID_LINK("invalid-link", "Invalid link"),

    /** No credentials, or credentials that are not valid (any more). */
    UNAUTHORIZED("unauthorized", "Unauthorized"),
    /** A customer's email and password do not match. */
    SIGN_IN_FAILED("sign-in-failed", "Sign-in failed"),
    /** A customer's change without the session's CSRF token. */
    CSRF_TOKEN_MISSING("csrf", "Forbidden"),
    /** A store change sent from another site's page. */
    CROSS_SITE("cross-site", "Forbidden"),
    /** An order from a customer whose email address is not confirmed. */
    EMAIL_NOT_VERIFIED("email-not-verified", "Email not verified"),
    /** Too many wrong bearer tokens from one address; it waits. */
    TOO_MANY_FAILED_TOKENS("too-many-failed-tokens", "Too many failed authentications"),
    /** Too many failed customer sign-ins; they wait. */
    TOO_MANY_SIGN_INS("too-many-sign-ins", "Too many failed sign-ins"),

    /** The record named does not exist (or is not the caller's). */
    NOT_FOUND("not-found", "Not found"),
    /** The record's state, or a unique value already taken, does not allow the change. */
    CONFLICT("conflict", "Conflict"),

    /** An order for a plan that is not sold. */
    PLAN_NOT_FOR_SALE("plan-not-for-sale", "Plan not for sale"),
    /** A payment in another currency than its invoice's. */
    CURRENCY_MISMATCH("currency-mismatch", "Wrong currency"),
    /** A payment larger than what its invoice still owes. */
    AMOUNT_ABOVE_OWED("amount-above-owed", "Amount above what is owed"),
    /** An email to something that is not an email address. */
    INVALID_RECIPIENT("invalid-recipient", "Invalid email address"),
    /** A payment method (gateway) this store does not offer. */
    PAYMENT_METHOD_NOT_OFFERED("gateway-unavailable", "Payment method not offered"),
    /** A Stripe Checkout Session that pays no invoice of ours. */
    NOT_AN_INVOICE_SESSION("not-an-invoice-session", "Not an invoice payment"),

    /** A server id given for placing an account that names no server. */
    UNKNOWN_SERVER("unknown-server", "Unknown server"),
    /** No server can take the account now: full, offline, inactive or isolated (the reason in the detail). */
    SERVER_NOT_AVAILABLE("server-not-available", "Server not available"),
    /** A server being added or edited failed its connection test: its address does not answer. */
    CONNECTION_TEST_UNREACHABLE("panel-unreachable", "Failed to connect to NextPanel server"),
    /** A server being added or edited failed its connection test: the panel refused its key. */
    CONNECTION_TEST_CREDENTIALS_REJECTED("panel-credentials-rejected", "Credentials rejected"),
    /** A live panel call found the panel unreachable, or it timed out. */
    PANEL_UNREACHABLE("panel-unreachable", "Failed to connect to NextPanel server"),
    /** A live panel call was refused our key and secret. */
    PANEL_CREDENTIALS_REJECTED("panel-credentials-rejected", "Credentials rejected"),
    /** A live panel call failed on the panel's side. */
    PANEL_ERROR("panel-error", "NextPanel server error"),
    /** A live call to an isolated or rate-limited panel; {@code retry_after_seconds} when it said. */
    PANEL_BUSY("panel-busy", "Server not available"),
    /** The panel does not know the account. */
    PANEL_ACCOUNT_NOT_FOUND("panel-account-not-found", "Not found on the panel"),
    /** The panel refused the request as invalid. */
    PANEL_REFUSED("panel-refused", "Refused by the panel"),
    /** The panel refused because the username or email exists there already. */
    PANEL_REFUSED_DUPLICATE("panel-refused", "Refused by the panel"),
    /** An action that cannot go on without an operator. */
    NEEDS_ATTENTION("needs-attention", "Needs attention"),

    /** Card payments are not configured on this server. */
    CARD_PAYMENTS_NOT_CONFIGURED("card-payments-unavailable", "Card payments are not available"),
    /** Stripe could not be reached or failed. */
    STRIPE_UNAVAILABLE("stripe-unavailable", "Card payments are unavailable"),
    /** Something the application needs (the database) is down for now; try again shortly. */
    UNAVAILABLE("unavailable", "Service unavailable");

    private final String type;
    private final String title;

    ErrorCode(String type, String title) {
        this.type = type;
        this.title = title;
    }

    /** The problem type's slug, under /problems/. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
