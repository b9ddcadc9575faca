package com.nextpanel.billing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Customer emails through the outbox, to a real SMTP server (the Mailbox: GreenMail, in this JVM,
 * on the port TestEnvironment gave Payara as mail.smtp.port).
 */
@ExtendWith(ArquillianExtension.class)
class NotifyIT {

    /** mail.max-attempts' default. */
    private static final int MAX_ATTEMPTS = 6;
    /** Longer than any backoff (mail.backoff-max-ms' default is one hour): the next attempt is due. */
    private static final Duration PAST_ANY_BACKOFF = Duration.ofHours(2);
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    @RegisterExtension
    static final Mailbox MAIL = new Mailbox();

    @ArquillianResource
    URL deployment;

    Api api;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.billingWarWithTestSupport();
    }

    @BeforeEach
    void connect() {
        api = Api.admin(deployment);
    }

    @Test
    void aWelcomeEmailArrivesWithTheSignInDetails() throws Exception {
        Welcome welcome = Welcome.next();

        long id = queue(welcome);

        MimeMessage mail = MAIL.awaitMailTo(welcome.to());
        assertThat(mail.getSubject()).isEqualTo("Your hosting account " + welcome.username() + " is ready");
        assertThat(mail.getFrom()[0].toString()).contains("billing@localhost");
        assertThat(mail.getHeader("X-NextPanel-Template")).containsExactly("welcome");
        assertThat(GreenMailUtil.getBody(mail)).contains("Hello Jane Doe,").contains(welcome.username())
                .contains(welcome.password()).contains("https://panel1.example.com:8443").contains("Starter");
        Row row = awaitRow(id, r -> r.status().equals("sent"));
        assertThat(row.bodySealed()).isNull();
        assertThat(row.sentAt()).isNotNull();
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.recipient()).isEqualTo(welcome.to());
        assertThat(row.subject()).isEqualTo(mail.getSubject());
        assertThat(MAIL.receivedBy(welcome.to())).hasSize(1);
        assertThat(TestEnvironment.payaraLog()).doesNotContain(welcome.password());
    }

    @Test
    void whileTheMailServerIsDownTheEmailWaitsSealedAndArrivesOnceItIsUp() throws Exception {
        MAIL.down();
        Welcome welcome = Welcome.next();

        long id = queue(welcome);
        long suspensionId = queueSuspension(welcome, 78);

        Row waiting = awaitRow(id, r -> r.status().equals("pending") && r.attempts() >= 1);
        assertThat(waiting.lastError()).contains("onnect");
        assertThat(waiting.bodySealed()).startsWith("v2:").doesNotContain(welcome.password());
        assertThat(waiting.body()).isNull();
        // a body without a secret waits as it will be sent
        Row suspensionWaiting = awaitRow(suspensionId, r -> r.status().equals("pending") && r.attempts() >= 1);
        assertThat(suspensionWaiting.bodySealed()).isNull();
        assertThat(suspensionWaiting.body()).contains("Hello Jane Doe,").contains(welcome.username());
        assertThat(dumpOutbox()).contains(welcome.username()).doesNotContain(welcome.password());
        Api.Reply shown = api.get("/api/v1/emails/" + id);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.json().getString("status")).isEqualTo("pending");
        assertThat(shown.json().getString("last_error")).isNotBlank();
        assertThat(shown.json().keySet()).doesNotContain("body", "body_sealed");
        assertThat(shown.body()).doesNotContain(welcome.password()).doesNotContain("v2:");

        MAIL.up();
        advanceClock(PAST_ANY_BACKOFF);

        MimeMessage mail = MAIL.awaitMail(welcome.to(), "is ready"); // its suspension email may come first
        assertThat(GreenMailUtil.getBody(mail)).contains(welcome.password());
        Row sent = awaitRow(id, r -> r.status().equals("sent"));
        assertThat(sent.bodySealed()).isNull();
        assertThat(sent.attempts()).isGreaterThanOrEqualTo(2);
        assertThat(awaitRow(suspensionId, r -> r.status().equals("sent")).body()).isNull();
        assertThat(dumpOutbox()).doesNotContain(welcome.password());
        assertThat(TestEnvironment.payaraLog()).doesNotContain(welcome.password());
    }

    @Test
    void anEmailThatKeepsFailingIsMarkedFailedUntilAnOperatorRetriesIt() throws Exception {
        MAIL.down();
        Welcome welcome = Welcome.next();
        long id = queue(welcome);
        Api.Reply tooEarly = api.post("/api/v1/emails/" + id + "/retry", null);

        for (int attempt = 1; attempt < MAX_ATTEMPTS; attempt++) {
            int done = attempt;
            awaitRow(id, r -> r.attempts() == done && r.status().equals("pending"));
            advanceClock(PAST_ANY_BACKOFF);
        }
        Row failed = awaitRow(id, r -> r.status().equals("failed"));

        assertThat(tooEarly.status()).as(tooEarly.toString()).isEqualTo(409);
        assertThat(failed.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(failed.bodySealed()).startsWith("v2:");
        // the worker logs once the failure is committed, a moment after the row says so, with the way out
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestEnvironment.payaraLog())
                .contains("(send_email of email " + id + ") needs attention: the welcome email failed for good after "
                        + MAX_ATTEMPTS + " attempts (POST /api/v1/emails/" + id + "/retry sends it again)"));
        assertThat(TestEnvironment.payaraLog()).doesNotContain(welcome.password());
        // its job, one of the queue's, waits for an operator, and says so in the alerts
        JsonObject job = api.get("/api/v1/jobs?kind=send_email&status=needs_attention").json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(j -> j.getJsonNumber("email_id").longValue() == id)
                .findFirst().orElseThrow();
        assertThat(job.getInt("attempts")).isEqualTo(MAX_ATTEMPTS);
        assertThat(openAlertsFor(job)).hasSize(1);

        MAIL.up();
        Api.Reply retried = api.post("/api/v1/emails/" + id + "/retry", null);

        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().getString("status")).as("sent within the request").isEqualTo("sent");
        assertThat(retried.json().getInt("attempts")).as("a fresh budget's first attempt").isEqualTo(1);
        assertThat(GreenMailUtil.getBody(MAIL.awaitMailTo(welcome.to()))).contains(welcome.password());
        assertThat(awaitRow(id, r -> r.status().equals("sent")).bodySealed()).isNull();
        Api.Reply audit = api.get("/api/v1/audit?action=email.retry&target_id=" + id);
        assertThat(audit.json().getJsonArray("items")).hasSize(1);
        assertThat(api.get("/api/v1/jobs/" + job.getJsonNumber("id")).json().getString("status")).isEqualTo("done");
        assertThat(openAlertsFor(job)).isEmpty();
        assertThat(TestEnvironment.payaraLog()).doesNotContain(welcome.password());
    }

    @Test
    void theEmailListShowsTheOutboxNewestFirstWithoutBodies() throws Exception {
        Welcome welcome = Welcome.next();
        long welcomeId = queue(welcome);
        long suspensionId = queueSuspension(welcome, 77);
        awaitRow(welcomeId, r -> r.status().equals("sent"));
        awaitRow(suspensionId, r -> r.status().equals("sent"));
        String byRecipient = "/api/v1/emails?recipient=" + welcome.to().toUpperCase();

        Api.Reply all = api.get(byRecipient);
        Api.Reply welcomes = api.get(byRecipient + "&template=welcome");
        Api.Reply sent = api.get(byRecipient + "&status=sent");
        Api.Reply pending = api.get(byRecipient + "&status=pending");
        Api.Reply secondPage = api.get(byRecipient + "&size=1&page=2");
        Api.Reply badStatus = api.get("/api/v1/emails?status=lost");
        Api.Reply anonymous = Api.anonymous(deployment).get("/api/v1/emails");

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().getJsonNumber("total").longValue()).isEqualTo(2);
        List<JsonObject> items = all.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(items).extracting(e -> e.getJsonNumber("id").longValue()).containsExactly(suspensionId, welcomeId);
        JsonObject suspension = items.get(0);
        assertThat(suspension.getString("template")).isEqualTo("suspension");
        assertThat(suspension.getString("status")).isEqualTo("sent");
        assertThat(suspension.getString("recipient")).isEqualTo(welcome.to());
        assertThat(suspension.getString("subject")).contains("suspended");
        assertThat(suspension.getJsonNumber("account_id").longValue()).isEqualTo(77);
        assertThat(suspension.getString("sent_at")).isNotBlank();
        assertThat(suspension.keySet()).doesNotContain("body", "body_sealed");
        assertThat(all.body()).doesNotContain(welcome.password()).doesNotContain("v2:");
        assertThat(welcomes.json().getJsonArray("items")).hasSize(1);
        assertThat(sent.json().getJsonNumber("total").longValue()).isEqualTo(2);
        assertThat(pending.json().getJsonNumber("total").longValue()).isZero();
        assertThat(secondPage.json().getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue())
                .isEqualTo(welcomeId);
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().getString("detail")).contains("pending");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void anAddressThatIsNotOneIsRefusedAndNothingIsQueued() throws SQLException {
        long before = countOutbox();

        Api.Reply reply = api.post("/api/v1/test-support/emails/welcome", Welcome.next().json("Jane Doe <jane@example.com>"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(422);
        assertThat(reply.json().getString("detail")).contains("is not an email address");
        assertThat(countOutbox()).isEqualTo(before);
    }

    /** A welcome email's values, unique per test so that tests never see each other's mail. */
    record Welcome(String to, String username, String password) {
        static Welcome next() {
            long n = SEQUENCE.incrementAndGet();
            return new Welcome("customer" + n + "@example.com", "cust" + n, "Pw-" + n + "-Sesame!");
        }

        JsonObject json(String recipient) {
            return Json.createObjectBuilder().add("to", recipient).add("full_name", "Jane Doe")
                    .add("username", username).add("password", password)
                    .add("panel_url", "https://panel1.example.com:8443").add("plan_name", "Starter")
                    .add("account_id", 41).add("service_id", 42).build();
        }
    }

    private List<JsonObject> openAlertsFor(JsonObject job) {
        return api.get("/api/v1/alerts?status=open&size=100").json().getJsonArray("items").getValuesAs(JsonObject.class)
                .stream().filter(a -> a.getString("kind").equals("job_needs_attention")
                        && a.getJsonNumber("target_id").longValue() == job.getJsonNumber("id").longValue()).toList();
    }

    private long queueSuspension(Welcome to, long accountId) {
        return id(api.post("/api/v1/test-support/emails/suspension", Json.createObjectBuilder()
                .add("to", to.to()).add("full_name", "Jane Doe").add("username", to.username())
                .add("reason", "Payment overdue").add("account_id", accountId).build()));
    }

    private long queue(Welcome welcome) {
        return id(api.post("/api/v1/test-support/emails/welcome", welcome.json(welcome.to())));
    }

    private static long id(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonNumber("id").longValue();
    }

    private void advanceClock(Duration by) {
        Api.Reply reply = api.post("/api/v1/test-support/clock/advance",
                Json.createObjectBuilder().add("seconds", by.toSeconds()).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    /** One outbox row as the database holds it. */
    record Row(String recipient, String subject, String status, int attempts, String bodySealed, String lastError,
            String sentAt, String body) {
    }

    private static Row awaitRow(long id, java.util.function.Predicate<Row> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> row(id), condition);
    }

    private static Row row(long id) throws SQLException {
        try (Connection c = TestEnvironment.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT recipient, subject, status, attempts, body_sealed, last_error, sent_at, body FROM email_outbox"
                        + " WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("email " + id + " is in the outbox").isTrue();
                return new Row(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5),
                        r.getString(6), r.getString(7), r.getString(8));
            }
        }
    }

    private static String dumpOutbox() throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT * FROM email_outbox")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    all.append(rows.getString(i)).append('|');
                }
                all.append('\n');
            }
        }
        return all.toString();
    }

    private static long countOutbox() throws SQLException {
        return TestEnvironment.count("SELECT count(*) FROM email_outbox");
    }
}
