package com.nextpanel.billing.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Customers' accounts in the store, over real HTTP like a browser: sign-up, the emailed links
 * (read from the emails GreenMail receives), sessions in cookies, CSRF and Origin checks, the
 * sign-in throttle (time moved with the test clock), and the wall to the operator API.
 */
@ExtendWith(ArquillianExtension.class)
class CustomerAccountsIT {

    private static final String PASSWORD = "correct horse battery";
    private static final String VERIFY = "email_verification";
    private static final String RESET = "password_reset";
    @RegisterExtension
    static final Mailbox MAIL = new Mailbox();

    @ArquillianResource
    URL deployment;

    Api operator;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.billingWarWithTestSupport();
    }

    @BeforeEach
    void connect() {
        operator = Api.admin(deployment);
    }

    @Test
    void aCustomerSignsUpVerifiesTheEmailSignsInAndOut() {
        String email = email();
        StoreVisitor browser = visitor();

        Api.Reply signedUp = browser.post("/api/store/signup", signUp(email, "Jane Doe"));

        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        JsonObject customer = signedUp.json().getJsonObject("customer");
        assertThat(customer.getString("email")).isEqualTo(email);
        assertThat(customer.getString("full_name")).isEqualTo("Jane Doe");
        assertThat(customer.getBoolean("email_verified")).isFalse();
        assertThat(signedUp.json().getString("csrf_token")).hasSize(43);
        assertThat(signedUp.body()).doesNotContain(PASSWORD).doesNotContain("password");
        assertThat(browser.cookie()).hasSize(43);
        assertThat(browser.get("/api/store/session").status()).isEqualTo(200);

        String link = linkIn(awaitMails(email, VERIFY, 1).get(0));
        assertThat(link).contains("/store/verify.html?token=");
        Api.Reply verified = visitor().post("/api/store/email-verification", token(link));
        Api.Reply again = visitor().post("/api/store/email-verification", token(link));

        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().getBoolean("email_verified")).isTrue();
        assertThat(again.status()).as(again.toString()).isEqualTo(400);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().getString("detail")).contains("used already");

        StoreVisitor later = visitor();
        Api.Reply signedIn = later.post("/api/store/session", signIn(email.toUpperCase(), PASSWORD));
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        Api.Reply session = later.get("/api/store/session");
        assertThat(session.status()).as(session.toString()).isEqualTo(200);
        assertThat(session.json().getJsonObject("customer").getBoolean("email_verified")).isTrue();
        assertThat(session.json().getString("csrf_token")).isEqualTo(signedIn.json().getString("csrf_token"));
        assertThat(session.header("Cache-Control")).isEqualTo("no-store");

        String cookie = later.cookie();
        Api.Reply signedOut = later.delete("/api/store/session");
        assertThat(signedOut.status()).as(signedOut.toString()).isEqualTo(204);
        assertThat(signedOut.header("Set-Cookie")).startsWith("np_session=;").contains("Max-Age=0");
        assertThat(visitor().withCookie(cookie).get("/api/store/session").status()).isEqualTo(401);
        assertThat(browser.get("/api/store/session").status()).as("the sign-up's own session stays").isEqualTo(200);

        long id = customer.getJsonNumber("id").longValue();
        Api.Reply audit = operator.get("/api/v1/audit?actor=customer:" + id + "&action=customer.sign_up");
        assertThat(audit.json().getJsonArray("items")).hasSize(1);
    }

    @Test
    void signingUpWithAnEmailInUseIsAConflictThatPointsToForgotPassword() {
        String email = email();
        assertThat(visitor().post("/api/store/signup", signUp(email, "Jane Doe")).status()).isEqualTo(201);

        Api.Reply again = visitor().post("/api/store/signup", signUp(email.toUpperCase(), "Someone Else"));

        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().getString("detail")).contains("Forgot password");
    }

    @Test
    void theSessionIdChangesAtSignInAndTheOldOneEnds() {
        String email = signedUpCustomer();
        StoreVisitor browser = visitor();
        browser.post("/api/store/session", signIn(email, PASSWORD));
        String before = browser.cookie();

        Api.Reply again = browser.post("/api/store/session", signIn(email, PASSWORD));

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(browser.cookie()).isNotEqualTo(before);
        assertThat(visitor().withCookie(before).get("/api/store/session").status()).isEqualTo(401);
        assertThat(browser.get("/api/store/session").status()).isEqualTo(200);
    }

    @Test
    void signingOutEverywhereEndsTheOtherSessionsToo() {
        String email = signedUpCustomer();
        StoreVisitor laptop = signedIn(email, PASSWORD);
        StoreVisitor phone = signedIn(email, PASSWORD);

        Api.Reply everywhere = laptop.delete("/api/store/sessions");

        assertThat(everywhere.status()).as(everywhere.toString()).isEqualTo(204);
        assertThat(phone.get("/api/store/session").status()).isEqualTo(401);
        assertThat(visitor().withCookie(laptop.cookie()).get("/api/store/session").status()).isEqualTo(401);
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxOnTheWholeSiteAndSecureOverHttps() {
        String email = signedUpCustomer();

        Api.Reply plain = visitor().post("/api/store/session", signIn(email, PASSWORD));
        Api.Reply proxied = visitor().header("X-Forwarded-Proto", "https")
                .post("/api/store/session", signIn(email, PASSWORD));

        assertThat(plain.header("Set-Cookie")).startsWith("np_session=").contains("; HttpOnly")
                .contains("; SameSite=Lax").contains("; Path=/").doesNotContain("Secure");
        assertThat(proxied.header("Set-Cookie")).contains("; HttpOnly").contains("; SameSite=Lax").contains("; Secure");
    }

    @Test
    void aCustomerSessionOpensNoOperatorCall() {
        StoreVisitor customer = signedIn(signedUpCustomer(), PASSWORD);

        Api.Reply operatorCall = customer.get("/api/v1/customers");

        assertThat(operatorCall.status()).as(operatorCall.toString()).isEqualTo(401);
        assertThat(operatorCall.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        StoreVisitor customer = signedIn(signedUpCustomer(), PASSWORD);
        String token = customer.csrfToken();
        JsonObject profile = Json.createObjectBuilder().add("full_name", "Mallory").add("phone", "+100200300")
                .add("company", "Evil Inc").build();

        customer.useCsrfToken(null);
        Api.Reply missing = customer.put("/api/store/profile", profile);
        customer.useCsrfToken(token.substring(0, 42) + (token.endsWith("A") ? "B" : "A"));
        Api.Reply wrong = customer.put("/api/store/profile", profile);
        Api.Reply signOut = customer.delete("/api/store/session");

        assertThat(missing.status()).as(missing.toString()).isEqualTo(403);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.json().getString("detail")).contains("X-CSRF-Token");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(signOut.status()).isEqualTo(403);
        Api.Reply session = customer.get("/api/store/session");
        assertThat(session.status()).as("the session was not ended").isEqualTo(200);
        assertThat(session.json().getJsonObject("customer").getString("full_name")).isEqualTo("Jane Doe");

        customer.useCsrfToken(token);
        Api.Reply changed = customer.put("/api/store/profile", profile);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().getString("full_name")).isEqualTo("Mallory");
        assertThat(changed.json().getString("company")).isEqualTo("Evil Inc");
    }

    @Test
    void aChangeFromAnotherSitesPageIsRefused() {
        String email = signedUpCustomer();
        StoreVisitor customer = signedIn(email, PASSWORD);
        String ownOrigin = Deployments.serverRoot(deployment);

        Api.Reply foreignSignIn = visitor().header("Origin", "https://evil.example")
                .post("/api/store/session", signIn(email, PASSWORD));
        String newEmail = email();
        Api.Reply foreignSignUp = visitor().header("Origin", "null").post("/api/store/signup", signUp(newEmail, "X Y"));
        Api.Reply foreignChange = customer.header("Origin", "http://localhost.evil.example")
                .put("/api/store/profile", Json.createObjectBuilder().add("full_name", "Mallory").build());
        Api.Reply sameSite = visitor().header("Origin", ownOrigin).post("/api/store/session", signIn(email, PASSWORD));

        assertThat(foreignSignIn.status()).as(foreignSignIn.toString()).isEqualTo(403);
        assertThat(foreignSignIn.json().getString("detail")).contains("cross-site request refused");
        assertThat(foreignSignIn.header("Set-Cookie")).isNull();
        assertThat(foreignSignUp.status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/customers?email=" + newEmail).json().getJsonNumber("total").longValue()).isZero();
        assertThat(foreignChange.status()).isEqualTo(403);
        assertThat(sameSite.status()).as(sameSite.toString()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordAnUnknownEmailAndAnAccountWithoutPasswordAreRefusedAlike() {
        freshThrottleWindow();
        String email = signedUpCustomer();
        String operatorMade = operatorCreatedCustomer();

        Api.Reply wrongPassword = visitor().post("/api/store/session", signIn(email, "not the password"));
        Api.Reply unknown = visitor().post("/api/store/session", signIn(email(), PASSWORD));
        Api.Reply noPassword = visitor().post("/api/store/session", signIn(operatorMade, PASSWORD));

        for (Api.Reply reply : List.of(wrongPassword, unknown, noPassword)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getString("detail")).isEqualTo(wrongPassword.json().getString("detail"));
            assertThat(reply.header("Set-Cookie")).isNull();
        }
    }

    @Test
    void badInputIsRefusedFieldByFieldAndWritesNothing() {
        String email = "not-an-email-" + Fixtures.unique("x");

        Api.Reply reply = visitor().post("/api/store/signup", Json.createObjectBuilder().add("email", email)
                .add("full_name", "").add("password", "short").build());

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().getJsonArray("errors").getValuesAs(JsonObject.class))
                .extracting(e -> e.getString("field")).containsExactly("email", "full_name", "password");
        assertThat(reply.body()).contains("10 to 200 characters");
        assertThat(operator.get("/api/v1/customers?email=" + email).json().getJsonNumber("total").longValue()).isZero();
        assertThat(reply.header("Set-Cookie")).isNull();
    }

    @Test
    void aNameWithMarkupIsKeptAsGiven() {
        String name = "<script>alert(1)</script>";
        StoreVisitor browser = visitor();

        Api.Reply signedUp = browser.post("/api/store/signup", signUp(email(), name));

        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        assertThat(signedUp.json().getJsonObject("customer").getString("full_name")).isEqualTo(name);
        assertThat(browser.get("/api/store/session").json().getJsonObject("customer").getString("full_name"))
                .isEqualTo(name);
    }

    @Test
    void aVerificationLinkCanBeSentAgain() {
        String email = email();
        StoreVisitor browser = visitor();
        browser.post("/api/store/signup", signUp(email, "Jane Doe"));
        awaitMails(email, VERIFY, 1);

        Api.Reply resent = browser.post("/api/store/email-verification/resend", null);

        assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
        String link = linkIn(awaitMails(email, VERIFY, 2).get(1));
        assertThat(visitor().post("/api/store/email-verification", token(link)).status()).isEqualTo(200);
        Api.Reply unknown = visitor().post("/api/store/email-verification",
                Json.createObjectBuilder().add("token", "no-such-token").build());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().getString("detail")).contains("not valid");
    }

    @Test
    void aPasswordResetAnswersAlikeForAnyEmailAndItsLinkWorksOnce() {
        String email = signedUpCustomer();
        StoreVisitor signedInBefore = signedIn(email, PASSWORD);

        Api.Reply known = visitor().post("/api/store/password-reset", resetRequest(email));
        Api.Reply unknown = visitor().post("/api/store/password-reset", resetRequest(email()));

        assertThat(known.status()).as(known.toString()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        String link = linkIn(awaitMails(email, RESET, 1).get(0));
        assertThat(link).contains("/store/reset.html?token=");

        Api.Reply completed = visitor().post("/api/store/password-reset/complete", completion(link, "a brand new password"));
        Api.Reply reused = visitor().post("/api/store/password-reset/complete", completion(link, "yet another password"));

        assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().getString("detail")).contains("used already");
        assertThat(signedInBefore.get("/api/store/session").status()).as("every session ended").isEqualTo(401);
        assertThat(visitor().post("/api/store/session", signIn(email, "a brand new password")).status()).isEqualTo(200);
    }

    @Test
    void aResetLinkExpiresAfterFifteenMinutesAndANewerOneReplacesIt() {
        String email = signedUpCustomer();
        visitor().post("/api/store/password-reset", resetRequest(email));
        String first = linkIn(awaitMails(email, RESET, 1).get(0));
        visitor().post("/api/store/password-reset", resetRequest(email));
        String second = linkIn(awaitMails(email, RESET, 2).get(1));

        Api.Reply replaced = visitor().post("/api/store/password-reset/complete", completion(first, "a brand new password"));
        advanceClock(Duration.ofMinutes(15).plusSeconds(1));
        Api.Reply expired = visitor().post("/api/store/password-reset/complete", completion(second, "a brand new password"));

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(400);
        assertThat(replaced.json().getString("detail")).contains("not valid");
        assertThat(expired.status()).as(expired.toString()).isEqualTo(400);
        assertThat(expired.json().getString("detail")).contains("expired");
        assertThat(visitor().post("/api/store/session", signIn(email, PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void aCustomerAnOperatorCreatedClaimsTheAccountThroughAPasswordReset() {
        String email = operatorCreatedCustomer();

        visitor().post("/api/store/password-reset", resetRequest(email));
        String link = linkIn(awaitMails(email, RESET, 1).get(0));
        Api.Reply claimed = visitor().post("/api/store/password-reset/complete", completion(link, PASSWORD));
        StoreVisitor customer = visitor();
        Api.Reply signedIn = customer.post("/api/store/session", signIn(email, PASSWORD));

        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(204);
        assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(200);
        assertThat(signedIn.json().getJsonObject("customer").getBoolean("email_verified")).isTrue();
        long id = signedIn.json().getJsonObject("customer").getJsonNumber("id").longValue();
        assertThat(operator.get("/api/v1/audit?actor=customer:" + id + "&action=customer.password_reset")
                .json().getJsonArray("items")).hasSize(1);
    }

    @Test
    void afterFiveFailedSignInsEvenTheRightPasswordWaitsFifteenMinutes() {
        freshThrottleWindow();
        String email = signedUpCustomer();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(visitor().post("/api/store/session", signIn(email, "wrong password " + attempt)).status())
                    .isEqualTo(401);
        }

        Api.Reply sixth = visitor().post("/api/store/session", signIn(email, "wrong password 6"));
        Api.Reply right = visitor().post("/api/store/session", signIn(email.toUpperCase(), PASSWORD));

        assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
        assertThat(sixth.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(sixth.header("Retry-After"))).isBetween(1L, 900L);
        assertThat(right.status()).as("throttled before the password is checked").isEqualTo(429);
        assertThat(right.header("Set-Cookie")).isNull();

        advanceClock(Duration.ofMinutes(15).plusSeconds(1));
        Api.Reply later = visitor().post("/api/store/session", signIn(email, PASSWORD));
        assertThat(later.status()).as(later.toString()).isEqualTo(200);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() {
        String email = signedUpCustomer();
        StoreVisitor here = signedIn(email, PASSWORD);
        StoreVisitor elsewhere = signedIn(email, PASSWORD);

        for (int attempt = 1; attempt <= 6; attempt++) {
            Api.Reply wrong = here.post("/api/store/password", passwordChange("not it " + attempt, "a brand new password"));
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
        }
        Api.Reply changed = here.post("/api/store/password", passwordChange(PASSWORD, "a brand new password"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(here.get("/api/store/session").status()).isEqualTo(200);
        assertThat(elsewhere.get("/api/store/session").status()).isEqualTo(401);
        assertThat(visitor().post("/api/store/session", signIn(email, "a brand new password")).status())
                .as("wrong current passwords do not count as failed sign-ins").isEqualTo(200);
    }

    @Test
    void aSuccessfulSignInClearsTheEmailsFailures() {
        freshThrottleWindow();
        String email = signedUpCustomer();
        for (int attempt = 1; attempt <= 4; attempt++) {
            visitor().post("/api/store/session", signIn(email, "wrong password " + attempt));
        }
        assertThat(visitor().post("/api/store/session", signIn(email, PASSWORD)).status()).isEqualTo(200);
        for (int attempt = 1; attempt <= 4; attempt++) {
            visitor().post("/api/store/session", signIn(email, "wrong password " + attempt));
        }

        Api.Reply ninth = visitor().post("/api/store/session", signIn(email, PASSWORD));

        assertThat(ninth.status()).as("4 failures since the last success: " + ninth).isEqualTo(200);
    }

    @Test
    void aVerificationLinkExpiresAfterAnHour() {
        String email = signedUpCustomer();
        String link = linkIn(awaitMails(email, VERIFY, 1).get(0));

        advanceClock(Duration.ofMinutes(60).plusSeconds(1));
        Api.Reply expired = visitor().post("/api/store/email-verification", token(link));

        assertThat(expired.status()).as(expired.toString()).isEqualTo(400);
        assertThat(expired.contentType()).startsWith("application/problem+json");
        assertThat(expired.json().getString("detail")).contains("expired");
    }

    @Test
    void manyFailedSignInsFromOneAddressAreThrottledForEveryEmail() {
        String email = signedUpCustomer();
        int attempts = 0;
        Api.Reply reply;
        do {
            reply = visitor().post("/api/store/session", signIn(email(), "guessing " + attempts));
            attempts++;
        } while (reply.status() == 401 && attempts <= 21);

        Api.Reply right = visitor().post("/api/store/session", signIn(email, PASSWORD));

        assertThat(reply.status()).as("refused after at most 20 failures: " + reply).isEqualTo(429);
        assertThat(attempts).isLessThanOrEqualTo(21);
        assertThat(right.status()).as(right.toString()).isEqualTo(429);
        assertThat(right.header("Retry-After")).isNotBlank();
        advanceClock(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(visitor().post("/api/store/session", signIn(email, PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void aSessionLeftAloneForTwoDaysEnds() {
        StoreVisitor customer = signedIn(signedUpCustomer(), PASSWORD);

        advanceClock(Duration.ofHours(48).plusSeconds(1));

        assertThat(customer.get("/api/store/session").status()).isEqualTo(401);
    }

    @Test
    void onlyHashesOfPasswordsAndSessionIdsAreKeptAndNoneIsLogged() throws Exception {
        String email = email();
        StoreVisitor browser = visitor();
        browser.post("/api/store/signup", signUp(email, "Jane Doe"));
        String token = tokenOf(linkIn(awaitMails(email, VERIFY, 1).get(0)));

        assertThat(TestEnvironment.count("SELECT count(*) FROM customer WHERE lower(email) = lower(?)"
                + " AND password_hash LIKE 'PBKDF2WithHmacSHA256:210000:%'", email)).isEqualTo(1);
        assertThat(TestEnvironment.count("SELECT count(*) FROM customer_session WHERE id_hash = ?",
                com.nextpanel.billing.security.TokenHash.of(browser.cookie()))).isEqualTo(1);
        assertThat(TestEnvironment.count("SELECT count(*) FROM customer_session WHERE id_hash = ?", browser.cookie()))
                .isZero();
        assertThat(TestEnvironment.count("SELECT count(*) FROM customer_link WHERE token_hash = ?",
                com.nextpanel.billing.security.TokenHash.of(token))).isEqualTo(1);
        assertThat(TestEnvironment.payaraLog()).doesNotContain(PASSWORD).doesNotContain(token)
                .doesNotContain(browser.cookie());
    }

    // --- arranging, through the API as a customer and an operator would

    private StoreVisitor visitor() {
        return new StoreVisitor(deployment);
    }

    private static String email() {
        return Fixtures.unique("shopper") + "@example.com";
    }

    private String signedUpCustomer() {
        String email = email();
        Api.Reply reply = visitor().post("/api/store/signup", signUp(email, "Jane Doe"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return email;
    }

    private StoreVisitor signedIn(String email, String password) {
        StoreVisitor browser = visitor();
        Api.Reply reply = browser.post("/api/store/session", signIn(email, password));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return browser;
    }

    private String operatorCreatedCustomer() {
        String email = email();
        Api.Reply reply = operator.post("/api/v1/customers",
                Json.createObjectBuilder().add("email", email).add("full_name", "Olga Operator-Made").build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return email;
    }

    /** Failed sign-ins of earlier tests (all from this machine's address) leave the throttle's window. */
    private void freshThrottleWindow() {
        advanceClock(Duration.ofMinutes(15).plusSeconds(1));
    }

    private void advanceClock(Duration by) {
        Api.Reply reply = operator.post("/api/v1/test-support/clock/advance",
                Json.createObjectBuilder().add("seconds", by.toSeconds()).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    private static JsonObject signUp(String email, String fullName) {
        return Json.createObjectBuilder().add("email", email).add("full_name", fullName).add("password", PASSWORD).build();
    }

    private static JsonObject signIn(String email, String password) {
        return Json.createObjectBuilder().add("email", email).add("password", password).build();
    }

    private static JsonObject resetRequest(String email) {
        return Json.createObjectBuilder().add("email", email).build();
    }

    private static JsonObject completion(String link, String password) {
        return Json.createObjectBuilder().add("token", tokenOf(link)).add("password", password).build();
    }

    private static JsonObject passwordChange(String current, String next) {
        return Json.createObjectBuilder().add("current_password", current).add("new_password", next).build();
    }

    private static JsonObject token(String link) {
        return Json.createObjectBuilder().add("token", tokenOf(link)).build();
    }

    private static String tokenOf(String link) {
        return Mailbox.tokenOf(link);
    }

    private static String linkIn(MimeMessage mail) {
        return Mailbox.linkIn(mail);
    }

    private static List<MimeMessage> awaitMails(String recipient, String template, int count) {
        return MAIL.awaitMails(recipient, template, count);
    }
}
