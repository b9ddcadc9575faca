package com.nextpanel.billing.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    /** What each code answers on the wire; clients and the integration guide rely on these. */
    private static final Map<ErrorCode, String> ANSWERED = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorCode.INVALID_INPUT, "400 bad-request Bad request"),
            Map.entry(ErrorCode.INVALID_FIELDS, "400 validation Invalid request"),
            Map.entry(ErrorCode.MALFORMED_JSON, "400 malformed-json Malformed JSON"),
            Map.entry(ErrorCode.INVALID_LINK, "400 invalid-link Invalid link"),
            Map.entry(ErrorCode.UNAUTHORIZED, "401 unauthorized Unauthorized"),
            Map.entry(ErrorCode.SIGN_IN_FAILED, "401 sign-in-failed Sign-in failed"),
            Map.entry(ErrorCode.CSRF_TOKEN_MISSING, "403 csrf Forbidden"),
            Map.entry(ErrorCode.CROSS_SITE, "403 cross-site Forbidden"),
            Map.entry(ErrorCode.EMAIL_NOT_VERIFIED, "403 email-not-verified Email not verified"),
            Map.entry(ErrorCode.TOO_MANY_FAILED_TOKENS, "429 too-many-failed-tokens Too many failed authentications"),
            Map.entry(ErrorCode.TOO_MANY_SIGN_INS, "429 too-many-sign-ins Too many failed sign-ins"),
            Map.entry(ErrorCode.NOT_FOUND, "404 not-found Not found"),
            Map.entry(ErrorCode.CONFLICT, "409 conflict Conflict"),
            Map.entry(ErrorCode.PLAN_NOT_FOR_SALE, "422 plan-not-for-sale Plan not for sale"),
            Map.entry(ErrorCode.CURRENCY_MISMATCH, "422 currency-mismatch Wrong currency"),
            Map.entry(ErrorCode.AMOUNT_ABOVE_OWED, "422 amount-above-owed Amount above what is owed"),
            Map.entry(ErrorCode.INVALID_RECIPIENT, "422 invalid-recipient Invalid email address"),
            Map.entry(ErrorCode.PAYMENT_METHOD_NOT_OFFERED, "422 gateway-unavailable Payment method not offered"),
            Map.entry(ErrorCode.NOT_AN_INVOICE_SESSION, "422 not-an-invoice-session Not an invoice payment"),
            Map.entry(ErrorCode.UNKNOWN_SERVER, "422 unknown-server Unknown server"),
            Map.entry(ErrorCode.SERVER_NOT_AVAILABLE, "503 server-not-available Server not available"),
            Map.entry(ErrorCode.CONNECTION_TEST_UNREACHABLE,
                    "422 panel-unreachable Failed to connect to NextPanel server"),
            Map.entry(ErrorCode.CONNECTION_TEST_CREDENTIALS_REJECTED, "422 panel-credentials-rejected Credentials rejected"),
            Map.entry(ErrorCode.PANEL_UNREACHABLE, "502 panel-unreachable Failed to connect to NextPanel server"),
            Map.entry(ErrorCode.PANEL_CREDENTIALS_REJECTED, "502 panel-credentials-rejected Credentials rejected"),
            Map.entry(ErrorCode.PANEL_ERROR, "502 panel-error NextPanel server error"),
            Map.entry(ErrorCode.PANEL_BUSY, "503 panel-busy Server not available"),
            Map.entry(ErrorCode.PANEL_ACCOUNT_NOT_FOUND, "404 panel-account-not-found Not found on the panel"),
            Map.entry(ErrorCode.PANEL_REFUSED, "422 panel-refused Refused by the panel"),
            Map.entry(ErrorCode.PANEL_REFUSED_DUPLICATE, "409 panel-refused Refused by the panel"),
            Map.entry(ErrorCode.NEEDS_ATTENTION, "502 needs-attention Needs attention"),
            Map.entry(ErrorCode.CARD_PAYMENTS_NOT_CONFIGURED,
                    "503 card-payments-unavailable Card payments are not available"),
            Map.entry(ErrorCode.STRIPE_UNAVAILABLE, "502 stripe-unavailable Card payments are unavailable"),
            Map.entry(ErrorCode.UNAVAILABLE, "503 unavailable Service unavailable")));

    @Test
    void everyCodeIsAnsweredWithAnErrorStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ProblemMappers.status(code)).as(code.name()).isBetween(400, 599);
        }
    }

    /** A new code fails here until its answer is written down (its status is in {@link ProblemMappers#status}). */
    @Test
    void everyCodeAnswersAsPinned() {
        assertThat(ANSWERED.keySet()).containsExactlyInAnyOrder(ErrorCode.values());
        ANSWERED.forEach((code, answer) -> {
            Problem problem = ProblemMappers.problemOf(new Refusal(code, "detail"));
            assertThat(problem.status() + " " + problem.type() + " " + problem.title()).as(code.name())
                    .isEqualTo(answer);
        });
    }

    @Test
    void typesAreSlugs() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::type)).allMatch(type -> type.matches("[a-z]+(-[a-z]+)*"));
    }

    @Test
    void aRefusalIsWrittenWithItsExtensionsAfterTheStandardMembers() {
        Refusal refusal = Refusal.notFound("Account", 7).with("account_id", 7L).with("panel_detail", null);

        assertThat(ProblemJson.body(ProblemMappers.problemOf(refusal), "req-1")).isEqualTo(
                "{\"type\":\"/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                + "\"detail\":\"Account 7 does not exist\",\"request_id\":\"req-1\",\"account_id\":7,\"panel_detail\":null}");
    }

    @Test
    void aTitleNamingTheActionReplacesTheCodes() {
        Refusal refusal = new Refusal(ErrorCode.NEEDS_ATTENTION, "the panel lost it").titled("Suspension needs attention");

        assertThat(ProblemJson.body(ProblemMappers.problemOf(refusal), null)).isEqualTo(
                "{\"type\":\"/problems/needs-attention\",\"title\":\"Suspension needs attention\",\"status\":502,"
                + "\"detail\":\"the panel lost it\"}");
    }

    @Test
    void aRefusalIsOfTheCodesItWasMadeWith() {
        Refusal refusal = new Refusal(ErrorCode.SERVER_NOT_AVAILABLE, "full");

        assertThat(refusal.is(ErrorCode.SERVER_NOT_AVAILABLE)).isTrue();
        assertThat(refusal.is(ErrorCode.UNKNOWN_SERVER, ErrorCode.SERVER_NOT_AVAILABLE)).isTrue();
        assertThat(refusal.is(ErrorCode.NOT_FOUND)).isFalse();
    }
}
