package com.nextpanel.billing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nextpanel.billing.security.SealedPlace;
import com.nextpanel.billing.security.SecretCipher;
import com.nextpanel.simulator.NextPanelSimulator;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authentication, the error format, audit, platform endpoints, and where secrets must never appear. */
@ExtendWith(ArquillianExtension.class)
class PlatformIT {

    @RegisterExtension
    static final Simulators SIMULATORS = new Simulators();

    @ArquillianResource
    URL deployment;

    private final NextPanelSimulator sim = SIMULATORS.shared();

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.billingWar();
    }

    private long registerServer(Api api, String name) {
        Api.Reply reply = api.post("/api/v1/nextpanel/servers", Fixtures.guideServer(name, sim));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("server_id").longValue();
    }

    @Test
    void everyApiCallNeedsABearerToken() {
        Api anonymous = Api.anonymous(deployment);
        long panelCallsBefore = sim.requests("GET", "/api/v1/billing/accounts/0"); // the connection test's call
        for (String path : List.of("/api/v1/nextpanel/servers", "/api/v1/nextpanel/servers/status", "/api/v1/audit",
                "/api/v1/nextpanel/servers/1", "/api/v1/no-such-thing")) {
            Api.Reply reply = anonymous.get(path);
            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getString("detail")).contains("Authorization: Bearer");
            assertThat(reply.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        Api.Reply post = anonymous.post("/api/v1/nextpanel/servers", Fixtures.guideServer("Sneaky", sim));
        assertThat(post.status()).isEqualTo(401);
        assertThat(sim.requests("GET", "/api/v1/billing/accounts/0")).isEqualTo(panelCallsBefore);
    }

    @Test
    void withTheDatabaseDownAnOperatorTokenGetsA503ProblemNotAnErrorPage() throws SQLException {
        Api admin = Api.admin(deployment);
        Api.Reply issued = admin.post("/api/v1/operators/tokens",
                Json.createObjectBuilder().add("name", "db-down " + System.nanoTime()).add("role", "VIEWER").build());
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        Api viewer = admin.withToken(issued.json().getString("token"));

        TestEnvironment.databaseReachable(false);
        Api.Reply down;
        try {
            down = viewer.get("/api/v1/nextpanel/servers");
        } finally {
            TestEnvironment.databaseReachable(true);
        }

        assertThat(down.status()).as(down.toString()).isEqualTo(503);
        assertThat(down.contentType()).startsWith("application/problem+json");
        assertThat(down.json().getString("detail")).contains("database is unavailable");
        assertThat(down.body()).doesNotContain("postgres", "jdbc", "Exception");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(viewer.get("/api/v1/nextpanel/servers").status()).isEqualTo(200));
    }

    @Test
    void anAddressSendingWrongTokensIsThrottledRightTokenIncludedWhileOthersAreServed() throws Exception {
        // another loopback address, so that this address's window is the test's alone
        URL elsewhere = new URL(deployment.getProtocol(), "127.0.0.2", deployment.getPort(), deployment.getFile());
        Api guesser = Api.admin(elsewhere).withToken("npb_guess");

        List<Integer> guesses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            guesses.add(guesser.get("/api/v1/nextpanel/servers").status());
        }
        Api.Reply throttled = guesser.get("/api/v1/nextpanel/servers");
        Api.Reply rightTokenThere = Api.admin(elsewhere).get("/api/v1/nextpanel/servers");
        Api.Reply rightTokenHere = Api.admin(deployment).get("/api/v1/nextpanel/servers");

        assertThat(guesses).containsOnly(401);
        assertProblem(throttled, 429, "wrong bearer token");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 61);
        assertThat(rightTokenThere.status()).isEqualTo(429);
        assertThat(rightTokenHere.status()).isEqualTo(200);
    }

    @Test
    void theAuditLogNamesTheTokenThatActedBesideItsName() {
        Api admin = Api.admin(deployment);
        String name = "auditor " + System.nanoTime();
        Api.Reply issued = admin.post("/api/v1/operators/tokens",
                Json.createObjectBuilder().add("name", name).add("role", "ADMIN").build());
        long tokenId = issued.json().getJsonNumber("id").longValue();

        Api.Reply added = admin.withToken(issued.json().getString("token")).post("/api/v1/nextpanel/servers",
                Fixtures.guideServer("Audited " + System.nanoTime(), sim));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        registerServer(admin, "By the bootstrap token " + System.nanoTime());

        JsonObject line = admin.get("/api/v1/audit?actor=" + name.replace(" ", "%20")).json()
                .getJsonArray("items").getJsonObject(0);
        assertThat(line.getString("actor")).isEqualTo(name);
        assertThat(line.getJsonNumber("actor_token_id").longValue()).isEqualTo(tokenId);
        JsonObject bootstrap = admin.get("/api/v1/audit?actor=admin&size=1").json().getJsonArray("items").getJsonObject(0);
        assertThat(bootstrap.isNull("actor_token_id")).isTrue(); // the bootstrap token has no row
    }

    @Test
    void aWrongTokenIsRefusedLikeNone() {
        Api.Reply reply = Api.admin(deployment).withToken("npb_not_a_real_token").get("/api/v1/nextpanel/servers");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().getString("detail")).contains("not valid");
        assertThat(reply.json().getString("request_id")).isNotBlank();
    }

    @Test
    void aViewerReadsButEveryWriteIsRefusedAndARevokedTokenStopsAtOnce() {
        Api admin = Api.admin(deployment);
        Api.Reply issued = admin.post("/api/v1/operators/tokens",
                Json.createObjectBuilder().add("name", "viewer " + System.nanoTime()).add("role", "VIEWER").build());
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String token = issued.json().getString("token");
        long tokenId = issued.json().getJsonNumber("id").longValue();
        Api viewer = admin.withToken(token);

        Api.Reply me = viewer.get("/api/v1/operators/me");
        Api.Reply reads = viewer.get("/api/v1/nextpanel/servers");
        Api.Reply write = viewer.post("/api/v1/nextpanel/servers", Fixtures.guideServer("Viewer's " + System.nanoTime(), sim));
        Api.Reply listed = admin.get("/api/v1/operators/tokens");

        assertThat(me.json().getString("role")).isEqualTo("VIEWER");
        assertThat(reads.status()).isEqualTo(200);
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(write.json().getString("detail")).contains("ADMIN");
        assertThat(listed.body()).contains(issued.json().getString("name")).doesNotContain(token);
        assertThat(viewer.post("/api/v1/operators/tokens", Json.createObjectBuilder().add("name", "x")
                .add("role", "ADMIN").build()).status()).isEqualTo(403);

        assertThat(admin.delete("/api/v1/operators/tokens/" + tokenId).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/nextpanel/servers").status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/audit?action=operator.token.issue").body()).doesNotContain(token);
    }

    @Test
    void anOperatorsTokenActsUnderItsName() {
        Api admin = Api.admin(deployment);
        String name = "ops " + System.nanoTime();
        String token = admin.post("/api/v1/operators/tokens", Json.createObjectBuilder().add("name", name)
                .add("role", "ADMIN").build()).json().getString("token");

        long id = registerServer(admin.withToken(token), "By " + name);

        JsonObject entry = admin.get("/api/v1/audit?target_type=server&target_id=" + id).json()
                .getJsonArray("items").getJsonObject(0);
        assertThat(entry.getString("actor")).isEqualTo(name);
    }

    @Test
    void noTokenMayTakeTheNameTheAuditLogGivesTheApplication() {
        Api admin = Api.admin(deployment);

        Api.Reply system = admin.post("/api/v1/operators/tokens",
                Json.createObjectBuilder().add("name", " System ").add("role", "ADMIN").build());

        assertProblem(system, 409, "audit log");
        assertThat(admin.get("/api/v1/operators/tokens").array().getValuesAs(JsonObject.class))
                .noneSatisfy(t -> assertThat(t.getString("name")).isEqualToIgnoringCase("system"));
    }

    @Test
    void answersCarryBrowserHardening() {
        for (Api.Reply reply : List.of(Api.admin(deployment).get("/api/v1/nextpanel/servers"),
                Api.anonymous(deployment).get("/api/v1/nextpanel/servers"))) {
            assertThat(reply.header("Content-Security-Policy")).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void healthOpenApiAndMetricsStayOpen() {
        Api root = Api.anonymous(urlOf(Deployments.serverRoot(deployment)));

        Api.Reply ready = root.get("/health/ready");
        Api.Reply live = root.get("/health/live");
        Api.Reply openapi = root.get("/openapi");
        Api.Reply metrics = root.get("/metrics");

        assertThat(ready.status()).as(ready.toString()).isEqualTo(200);
        assertThat(ready.body()).contains("database").contains("UP");
        assertThat(live.status()).isEqualTo(200);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).contains("/api/v1/nextpanel/servers").contains("/api/v1/nextpanel/servers/status")
                .contains("/api/v1/audit");
        assertThat(metrics.status()).isEqualTo(200);
    }

    /** What a client's generator reads: it must parse without a message and name every call. */
    @Test
    void theApiDocumentParsesCleanlyAndDescribesEveryCall() {
        Api root = Api.anonymous(urlOf(Deployments.serverRoot(deployment)));
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        for (String path : List.of("/openapi", "/openapi?format=json")) {
            Api.Reply reply = root.get(path);
            assertThat(reply.status()).as(path).isEqualTo(200);
            SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(reply.body(), null, options);
            assertThat(parsed.getMessages()).as(path).isEmpty();
            assertThat(parsed.getOpenAPI()).as(path).isNotNull();
        }

        OpenAPI document = new OpenAPIV3Parser().readContents(root.get("/openapi").body(), null, options).getOpenAPI();
        assertThat(document.getInfo().getTitle()).isEqualTo("NextPanel Billing API");
        assertThat(document.getInfo().getVersion()).isNotBlank();
        assertThat(document.getInfo().getDescription()).isNotBlank();
        SecurityScheme bearer = document.getComponents().getSecuritySchemes().get("bearer");
        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        assertThat(document.getSecurity()).anySatisfy(requirement -> assertThat(requirement).containsKey("bearer"));
        // the token is required of the operator API; the store's calls say they need none (a customer's
        // session cookie, or nothing); health, metrics and /openapi are not documented here
        assertThat(document.getPaths().keySet()).isNotEmpty()
                .allSatisfy(p -> assertThat(p).matches("/api/(v1|store)/.*"));
        document.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            if (path.startsWith("/api/store/") || path.equals("/api/v1/payments/stripe/webhook")) {
                // [{}]: a requirement of nothing, i.e. no token (Stripe's webhook proves itself by its signature)
                assertThat(operation.getSecurity()).as(path).isNotNull()
                        .allSatisfy(requirement -> assertThat(requirement).isEmpty());
            } else {
                assertThat(operation.getSecurity()).as(path).isNull(); // the document's: bearer
            }
        }));

        List<Operation> operations = document.getPaths().values().stream()
                .flatMap(item -> item.readOperations().stream()).toList();
        assertThat(operations).hasSizeGreaterThan(40).allSatisfy(operation -> {
            assertThat(operation.getSummary()).as(operation.getOperationId()).isNotBlank();
            assertThat(operation.getOperationId()).matches("[a-z][a-zA-Z0-9]+");
        });
        assertThat(operations).extracting(Operation::getOperationId).doesNotHaveDuplicates();
        // the JSON is snake_case (JsonConfig), and so are the schemas' properties
        assertThat(document.getComponents().getSchemas()).allSatisfy((name, schema) -> assertThat(
                schema.getProperties() == null ? Map.of() : schema.getProperties()).as(name).allSatisfy(
                        (property, type) -> assertThat((String) property).matches("[a-z][a-z0-9_]*")));
        assertThat(document.getComponents().getSchemas().get("NewServer").getProperties())
                .containsKeys("name", "base_url", "api_key", "api_secret", "tags", "is_active");
    }

    @Test
    void errorsAreProblemJsonWithAHumanDetail() {
        Api api = Api.admin(deployment);

        Api.Reply malformed = api.send("POST", "/api/v1/nextpanel/servers", "{\"name\": ", "application/json");
        Api.Reply notFound = api.get("/api/v1/nextpanel/no-such-thing");
        Api.Reply notAllowed = api.send("PUT", "/api/v1/nextpanel/servers", "{}", "application/json");
        Api.Reply unsupported = api.send("POST", "/api/v1/nextpanel/servers", "name=x", "text/plain");
        Api.Reply wrongType = api.send("POST", "/api/v1/nextpanel/servers", "{\"capacity\": \"lots\"}", "application/json");
        Api.Reply noBody = api.send("POST", "/api/v1/nextpanel/servers", null, "application/json");

        assertProblem(malformed, 400, "not valid JSON");
        assertProblem(notFound, 404, "No resource");
        assertProblem(notAllowed, 405, "not allowed");
        assertProblem(unsupported, 415, "application/json");
        assertProblem(wrongType, 400, "not valid JSON");
        assertProblem(noBody, 400, "");
    }

    @Test
    void aPageBeyondAnyListingIsTheClientsMistake() {
        Api.Reply reply = Api.admin(deployment).get("/api/v1/audit?page=2147483647&size=500");

        assertProblem(reply, 400, "page 2147483647");
    }

    /** Two registrations that passed the name check at once: the second meets the unique index, a 409. */
    @Test
    void aServerNameTakenAtTheSameMomentAnswers409() throws SQLException {
        Api api = Api.admin(deployment);
        String name = "Twice " + System.nanoTime();

        Api.Reply second = HeldRow.raceAgainst("panel_server", "INSERT INTO panel_server (name, base_url,"
                        + " api_key_sealed, api_secret_sealed, api_key_hint, capacity, is_active, created_at, updated_at)"
                        + " VALUES (?, 'http://held.invalid', 'v1:held', 'v1:held', 'held', 1, false, now(), now())",
                () -> api.post("/api/v1/nextpanel/servers", Fixtures.guideServer(name.toUpperCase(), sim)), name);
        try (Connection c = TestEnvironment.connect(); var remove = c.prepareStatement(
                "UPDATE panel_server SET removed_at = now() WHERE name = ?")) {
            remove.setString(1, name); // its sealed values are not real: no other test may meet it
            remove.executeUpdate();
        }

        assertProblem(second, 409, "A server with this name already exists");
    }

    @Test
    void auditRecordsEveryFleetChangeWithItsActorAndOutcome() {
        Api api = Api.admin(deployment);
        String name = "Audited " + System.nanoTime();
        long id = registerServer(api, name);
        api.patch("/api/v1/nextpanel/servers/" + id, Json.createObjectBuilder().add("capacity", 7).build());
        api.post("/api/v1/nextpanel/servers", Fixtures.guideServer(name, sim)); // refused: the name is taken

        Api.Reply trail = api.get("/api/v1/audit?target_type=server&target_id=" + id);
        Api.Reply refusals = api.get("/api/v1/audit?action=server.register&outcome=refused");
        Api.Reply paged = api.get("/api/v1/audit?size=1&page=1");
        Api.Reply badFilter = api.get("/api/v1/audit?from=yesterday");

        assertThat(trail.status()).isEqualTo(200);
        List<JsonObject> entries = trail.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(entries).extracting(e -> e.getString("action")).containsExactly("server.update", "server.register");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.getString("actor")).isEqualTo("admin");
            assertThat(e.getString("outcome")).isEqualTo("success");
            assertThat(e.getString("request_id")).isNotBlank();
        });
        assertThat(entries.get(0).getString("detail")).contains("capacity: 100 → 7");
        assertThat(refusals.json().getJsonArray("items").getValuesAs(JsonObject.class))
                .anySatisfy(e -> assertThat(e.getString("detail")).contains(name).contains("already exists"));
        assertThat(paged.json().getJsonArray("items")).hasSize(1);
        assertThat(paged.json().getJsonNumber("total").longValue()).isGreaterThanOrEqualTo(3);
        assertThat(badFilter.status()).isEqualTo(400);
    }

    @Test
    void theAuditLogRefusesToBeRewritten() throws SQLException {
        registerServer(Api.admin(deployment), "Append only " + System.nanoTime());
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement()) {
            assertThatSqlFails(s, "UPDATE audit_log SET actor = 'someone else'");
            assertThatSqlFails(s, "DELETE FROM audit_log");
        }
    }

    @Test
    void secretsAppearNowhereInPlainText() throws Exception {
        Api api = Api.admin(deployment);
        long id = registerServer(api, "Secret keeper " + System.nanoTime());
        api.get("/api/v1/nextpanel/servers/status?refresh=true");
        api.post("/api/v1/nextpanel/servers/test", Json.createObjectBuilder().add("base_url", sim.baseUrl())
                .add("api_key", sim.apiKey()).add("api_secret", sim.apiSecret()).build());

        String responses = api.get("/api/v1/nextpanel/servers").body() + api.get("/api/v1/nextpanel/servers/" + id).body()
                + api.get("/api/v1/audit?size=500").body();
        assertThat(responses).doesNotContain(sim.apiSecret()).doesNotContain(sim.apiKey());
        assertThat(dumpTables()).contains("v2:").doesNotContain(sim.apiSecret()).doesNotContain(sim.apiKey());
        assertThat(TestEnvironment.payaraLog()).isNotEmpty().doesNotContain(sim.apiSecret()).doesNotContain(sim.apiKey())
                .doesNotContain(TestEnvironment.ADMIN_TOKEN);
    }

    @Test
    void afterAKeyRotationResealingMovesEverySecretToTheCurrentKey() throws Exception {
        Api api = Api.admin(deployment);
        long id = registerServer(api, "Rotated " + System.nanoTime());
        var previous = new SecretCipher(TestEnvironment.PREVIOUS_SECRET_KEY, List.of());
        var current = new SecretCipher(TestEnvironment.SECRET_KEY, List.of());
        try (Connection c = TestEnvironment.connect(); var update = c.prepareStatement(
                "UPDATE panel_server SET api_key_sealed = ?, api_secret_sealed = ? WHERE id = ?")) {
            update.setString(1, previous.seal(sim.apiKey(), apiKeyOf(id))); // as stored before the rotation
            update.setString(2, previous.seal(sim.apiSecret(), apiSecretOf(id)));
            update.setLong(3, id);
            update.executeUpdate();
        }

        Api.Reply reply = api.post("/api/v1/nextpanel/servers/reseal-secrets", null);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().getInt("resealed_servers")).isEqualTo(1);
        assertThat(reply.json().getJsonObject("resealed").keySet()).containsExactly("email_bodies", "job_passwords",
                "servers");
        assertThat(reply.json().getString("master_key_id")).isEqualTo(current.currentKeyId());
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement();
                ResultSet row = s.executeQuery("SELECT api_key_sealed, api_secret_sealed FROM panel_server WHERE id = " + id)) {
            row.next();
            assertThat(current.open(row.getString(1), apiKeyOf(id))).isEqualTo(sim.apiKey());
            assertThat(current.open(row.getString(2), apiSecretOf(id))).isEqualTo(sim.apiSecret());
        }
        // and the panel still accepts what we now read back: a provision on that server goes through
        Api.Reply provisioned = api.post("/api/v1/nextpanel/provision",
                Json.createObjectBuilder(Fixtures.provision(Fixtures.username())).add("server_id", id).build());
        assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);
        assertThat(api.post("/api/v1/nextpanel/servers/reseal-secrets", null).json().getInt("resealed_servers")).isZero();
    }

    private static SealedPlace apiKeyOf(long serverId) {
        return new SealedPlace("panel_server", "api_key_sealed", serverId);
    }

    private static SealedPlace apiSecretOf(long serverId) {
        return new SealedPlace("panel_server", "api_secret_sealed", serverId);
    }

    private static String dumpTables() throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement()) {
            for (String table : List.of("panel_server", "panel_server_tag", "audit_log", "operator_token")) {
                try (ResultSet rows = s.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rows.getString(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    private static void assertThatSqlFails(Statement s, String sql) {
        try {
            s.executeUpdate(sql);
        } catch (SQLException expected) {
            assertThat(expected.getMessage()).contains("append-only");
            return;
        }
        throw new AssertionError("audit_log accepted: " + sql);
    }

    private static void assertProblem(Api.Reply reply, int status, String detailPart) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
        JsonObject problem = reply.json();
        assertThat(problem.getInt("status")).isEqualTo(status);
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).contains(detailPart).doesNotContain("Exception").doesNotContain("at com.");
    }

    private static URL urlOf(String url) {
        try {
            return new URL(url + "/");
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
