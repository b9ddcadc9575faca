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
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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

    /** Welcome and verification emails go out, so that their bodies reach the state they keep. */
    @RegisterExtension
    static final Mailbox MAIL = new Mailbox();
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

    /**
     * Every write of the operator API, found by reflection over the application's resources (a
     * new one is covered the day it is added): a VIEWER is refused each with a 403 problem, and
     * nothing changes: no row, no audit line, no call to the panel.
     */
    @Test
    void aViewerIsRefusedEveryWriteOfTheOperatorApiAndNothingChanges() throws Exception {
        List<Endpoint> writes = operatorWrites();
        // `grep -E '@(POST|PUT|PATCH|DELETE)'` over the @Path("/v1/...") resources counts 24, one of
        // them Stripe's webhook: a resource the scan misses must not shrink the test unnoticed
        assertThat(writes).as("operator writes found by reflection").hasSizeGreaterThanOrEqualTo(23);
        Api admin = Api.admin(deployment);
        long serverId = registerServer(admin, "Viewer's target " + System.nanoTime());
        Api.Reply provisioned = admin.post("/api/v1/nextpanel/provision",
                Json.createObjectBuilder(Fixtures.provision(Fixtures.username())).add("server_id", serverId).build());
        assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);
        long accountId = provisioned.json().getJsonNumber("account_id").longValue();
        long jobId = admin.get("/api/v1/jobs?account_id=" + accountId).json().getJsonArray("items").getJsonObject(0)
                .getJsonNumber("id").longValue();
        long customerId = created(admin, "/api/v1/customers", Json.createObjectBuilder()
                .add("email", Fixtures.unique("viewer") + "@example.com").add("full_name", "Vera Viewer").build());
        long planId = created(admin, "/api/v1/plans", Json.createObjectBuilder().add("name", Fixtures.unique("Viewer plan "))
                .add("price", 3).add("currency", "USD").add("billing_cycle", "monthly").add("package_id", 1).build());
        Api.Reply ordered = admin.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customerId)
                .add("plan_id", planId).add("username", Fixtures.username()).build());
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        long orderId = ordered.json().getJsonNumber("id").longValue();
        Api.Reply issued = admin.post("/api/v1/operators/tokens",
                Json.createObjectBuilder().add("name", Fixtures.unique("viewer ")).add("role", "VIEWER").build());
        Api viewer = admin.withToken(issued.json().getString("token"));
        // an existing row behind each {id} where this test has one, so that a missing guard would act on it
        Map<String, Long> ids = Map.of("/v1/nextpanel/servers", serverId, "/v1/nextpanel/accounts", accountId,
                "/v1/operators", issued.json().getJsonNumber("id").longValue(), "/v1/jobs", jobId,
                "/v1/plans", planId, "/v1/orders", orderId,
                "/v1/services", ordered.json().getJsonNumber("service_id").longValue(),
                "/v1/invoices", ordered.json().getJsonNumber("invoice_id").longValue());
        awaitNoWorkUnderWay();
        Map<String, Long> rowsBefore = rowCounts();
        long panelCallsBefore = sim.requests(null, "/api/v1/billing/accounts");
        JsonObject serverBefore = Fixtures.server(admin, serverId);

        List<String> notRefused = new ArrayList<>();
        for (Endpoint write : writes) {
            String path = write.path(ids.getOrDefault(write.resourcePath(), 987_654_321L));
            JsonObject body = write.bodyType() == null ? null : plausibleBody(write.bodyType(), serverId);
            Api.Reply reply = viewer.send(write.method(), path, body == null ? null : body.toString(),
                    body == null ? null : write.contentType());
            if (reply.status() != 403 || !reply.contentType().startsWith("application/problem+json")
                    || !reply.json().getString("detail").contains("ADMIN")) {
                notRefused.add(write.method() + " " + path + " → " + reply);
            }
        }

        assertThat(notRefused).as("writes a VIEWER was not refused").isEmpty();
        assertThat(rowCounts()).as("rows per table").isEqualTo(rowsBefore);
        assertThat(sim.requests(null, "/api/v1/billing/accounts")).as("account calls to the panel")
                .isEqualTo(panelCallsBefore);
        JsonObject serverAfter = Fixtures.server(admin, serverId);
        for (String field : List.of("name", "description", "capacity", "current_accounts", "is_active", "tags",
                "base_url", "api_key_hint", "rate_limit_per_hour")) {
            assertThat(serverAfter.get(field)).as(field).isEqualTo(serverBefore.get(field));
        }
        assertThat(Fixtures.account(admin, accountId).getString("status")).isEqualTo("active");
        assertThat(admin.get("/api/v1/orders/" + orderId).json().getString("status")).isEqualTo("pending");
        assertThat(admin.get("/api/v1/plans/" + planId).json().getBoolean("is_active")).isTrue();
        assertThat(viewer.get("/api/v1/operators/me").status()).as("the viewer's token, not revoked").isEqualTo(200);
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
        assertProblem(noBody, 400, "This call needs a JSON body");
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
        // the refusal is there, and the filter kept out the same name's successful registration
        List<JsonObject> refused = refusals.json().getJsonArray("items").getValuesAs(JsonObject.class);
        assertThat(refused).anySatisfy(e -> assertThat(e.getString("detail")).contains(name).contains("already exists"))
                .noneSatisfy(e -> assertThat(e.getString("outcome")).isEqualTo("success"))
                .noneSatisfy(e -> assertThat(e.getString("action")).isEqualTo("server.update"));
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

    /**
     * Customers' passwords (chosen through the operator API and the store, and the ones generated
     * for the panel and mailed in welcome emails), operator tokens and a panel's credentials: no
     * text column of any table, no answer and not Payara's log holds one in plain text.
     */
    @Test
    void secretsAppearNowhereInPlainText() throws Exception {
        Api admin = Api.admin(deployment);
        Api.Reply issued = admin.post("/api/v1/operators/tokens",
                Json.createObjectBuilder().add("name", Fixtures.unique("secrets ")).add("role", "ADMIN").build());
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String operatorToken = issued.json().getString("token");
        Api api = admin.withToken(operatorToken);
        long id = registerServer(api, "Secret keeper " + System.nanoTime());
        api.get("/api/v1/nextpanel/servers/status?refresh=true");
        api.post("/api/v1/nextpanel/servers/test", Json.createObjectBuilder().add("base_url", sim.baseUrl())
                .add("api_key", sim.apiKey()).add("api_secret", sim.apiSecret()).build());
        // the operator API: a password the operator chose
        String operatorsPassword = "Op" + Fixtures.unique("pw").toUpperCase() + "!x9";
        String provisionedName = Fixtures.username();
        Api.Reply provisioned = api.post("/api/v1/nextpanel/provision", Json.createObjectBuilder(
                Fixtures.provision(provisionedName)).add("password", operatorsPassword).add("server_id", id).build());
        assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);
        assertThat(sim.passwordMatches(provisioned.json().getJsonNumber("nextpanel_user_id").longValue(),
                operatorsPassword)).isTrue();
        // an order the operator marks paid: the panel's password is generated and mailed
        long plan = created(api, "/api/v1/plans", Json.createObjectBuilder().add("name", Fixtures.unique("Secret plan "))
                .add("price", 5).add("currency", "USD").add("billing_cycle", "monthly").add("package_id", 1).build());
        String operatorsCustomer = Fixtures.unique("secret") + "@example.com";
        long customer = created(api, "/api/v1/customers", Json.createObjectBuilder().add("email", operatorsCustomer)
                .add("full_name", "Sam Secret").build());
        Api.Reply ordered = api.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer)
                .add("plan_id", plan).add("username", Fixtures.username()).build());
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        assertThat(api.post("/api/v1/orders/" + ordered.json().getJsonNumber("id") + "/pay", null).status()).isEqualTo(200);
        String mailedPassword = passwordIn(MAIL.awaitMail(operatorsCustomer, "is ready"));
        // the store: a customer's own password, changed once, and the account bought with it
        String storeCustomer = Fixtures.unique("shopper") + "@example.com";
        String signUpPassword = "sign up " + Fixtures.unique("pw");
        String changedPassword = "changed " + Fixtures.unique("pw");
        StoreVisitor shopper = new StoreVisitor(deployment);
        Api.Reply signedUp = shopper.post("/api/store/signup", Json.createObjectBuilder().add("email", storeCustomer)
                .add("full_name", "Shirley Shopper").add("password", signUpPassword).build());
        assertThat(signedUp.status()).as(signedUp.toString()).isEqualTo(201);
        String link = Mailbox.linkIn(MAIL.awaitMails(storeCustomer, "email_verification", 1).get(0));
        assertThat(shopper.post("/api/store/email-verification", Json.createObjectBuilder()
                .add("token", Mailbox.tokenOf(link)).build()).status()).isEqualTo(200);
        Api.Reply changed = shopper.post("/api/store/password", Json.createObjectBuilder()
                .add("current_password", signUpPassword).add("new_password", changedPassword).build());
        assertThat(changed.status()).as(changed.toString()).isBetween(200, 204);
        Api.Reply placed = shopper.post("/api/store/orders", Json.createObjectBuilder().add("plan_id", plan)
                .add("username", Fixtures.username()).add("gateway", "bank_transfer").build());
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(api.post("/api/v1/orders/" + placed.json().getJsonNumber("order_id") + "/pay", null).status())
                .isEqualTo(200);
        String storePanelPassword = passwordIn(MAIL.awaitMail(storeCustomer, "is ready"));
        // every email of this test sent: its body is in the state it keeps
        await().atMost(Duration.ofSeconds(60)).until(() -> TestEnvironment.count("SELECT count(*) FROM email_outbox"
                + " WHERE status = 'pending' AND recipient IN (?, ?)", operatorsCustomer, storeCustomer) == 0);

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("the operator's chosen account password", operatorsPassword);
        secrets.put("a mailed panel password (operator's order)", mailedPassword);
        secrets.put("a mailed panel password (store order)", storePanelPassword);
        secrets.put("the store sign-up password", signUpPassword);
        secrets.put("the store's changed password", changedPassword);
        secrets.put("an issued operator token", operatorToken);
        secrets.put("the bootstrap admin token", TestEnvironment.ADMIN_TOKEN);
        secrets.put("the panel's API secret", sim.apiSecret());
        secrets.put("the panel's API key", sim.apiKey());
        String responses = api.get("/api/v1/nextpanel/servers").body() + api.get("/api/v1/nextpanel/servers/" + id).body()
                + api.get("/api/v1/audit?size=500").body() + api.get("/api/v1/emails?size=500").body()
                + api.get("/api/v1/jobs?size=500").body() + api.get("/api/v1/operators/tokens").body();
        String log = TestEnvironment.payaraLog();
        Map<String, String> columns = textColumns();

        assertThat(columns.keySet()).as("text columns read").contains("panel_job.secret_sealed",
                "hosting_account.username", "email_outbox.body_sealed", "operator_token.token_hash", "customer.password_hash");
        assertThat(columns.get("hosting_account.username")).as("the scan reads the rows").contains(provisionedName);
        assertThat(columns.values()).as("sealed values").anySatisfy(text -> assertThat(text).contains("v2:"));
        secrets.forEach((what, secret) -> {
            assertThat(secret).as(what).hasSizeGreaterThanOrEqualTo(10);
            columns.forEach((column, text) -> assertThat(text).as(what + " in " + column).doesNotContain(secret));
            assertThat(responses).as(what + " in the API's answers").doesNotContain(secret);
            assertThat(log).as(what + " in Payara's log").isNotEmpty().doesNotContain(secret);
        });
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

    /** Every text column of every table (text, varchar, char, json), each column's values joined. */
    private static Map<String, String> textColumns() throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement();
                ResultSet names = c.createStatement().executeQuery("SELECT table_name, column_name"
                        + " FROM information_schema.columns c WHERE table_schema = 'public'"
                        + " AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')"
                        + " AND EXISTS (SELECT 1 FROM information_schema.tables t WHERE t.table_schema = 'public'"
                        + " AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')")) {
            while (names.next()) {
                String table = names.getString(1);
                String column = names.getString(2);
                StringBuilder values = new StringBuilder();
                try (ResultSet rows = s.executeQuery("SELECT \"" + column + "\"::text FROM " + table)) {
                    while (rows.next()) {
                        values.append(rows.getString(1)).append('\n');
                    }
                }
                columns.put(table + "." + column, values.toString());
            }
        }
        return columns;
    }

    /** The password line of a welcome email. */
    private static String passwordIn(jakarta.mail.internet.MimeMessage welcome) {
        Matcher password = Pattern.compile("Password:\\s+(\\S+)").matcher(Mailbox.bodyOf(welcome));
        assertThat(password.find()).as("a password in the welcome email").isTrue();
        return password.group(1);
    }

    // --- the operator API's writes, as the resource classes declare them ------------------------

    /** A write of the operator API: its HTTP method, its path as declared, and its JSON body's type (null: none). */
    private record Endpoint(String method, String resourcePath, String declaredPath, Class<?> bodyType,
            String contentType) {

        private static final Pattern PARAMETER = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(:[^}]*)?}");

        /** The path to call under the deployment, each {param} given {@code id}. */
        String path(long id) {
            return "/api" + PARAMETER.matcher(declaredPath).replaceAll(Long.toString(id));
        }
    }

    /**
     * The non-GET resource methods under /api that the bearer token guards, from every @Path class
     * of com.nextpanel.billing on the classpath (the application's classes and the tests'). Left out
     * on purpose, as BearerTokenMechanism lets them through without an operator token: the store API
     * (a customer's session cookie, never an operator role) and Stripe's webhook (its signature
     * authenticates it). Also left out: the test-support resources, which only the test deployments
     * carry (this class deploys the WAR as it ships, where they answer 404).
     */
    private static List<Endpoint> operatorWrites() throws Exception {
        List<Endpoint> writes = new ArrayList<>();
        List<String> locators = new ArrayList<>();
        for (Class<?> resource : resourceClasses()) {
            if (resource.getPackageName().equals("com.nextpanel.billing.testsupport")) {
                continue;
            }
            String resourcePath = normalized(resource.getAnnotation(Path.class).value());
            for (Method method : resource.getMethods()) {
                String verb = httpMethodOf(method);
                Path subPath = method.getAnnotation(Path.class);
                String declared = normalized(resourcePath + (subPath == null ? "" : "/" + subPath.value()));
                if (verb == null) {
                    if (subPath != null) {
                        locators.add(resource.getName() + "." + method.getName());
                    }
                    continue;
                }
                if (Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS).contains(verb)
                        || declared.startsWith("/store/") || declared.equals("/store")
                        || declared.equals("/v1/payments/stripe/webhook")) {
                    continue;
                }
                Class<?> body = Arrays.stream(method.getParameters()).filter(PlatformIT::isEntity)
                        .map(Parameter::getType).findFirst().orElse(null);
                writes.add(new Endpoint(verb, resourcePath, declared, body, contentTypeOf(method)));
            }
        }
        // a sub-resource locator's methods would be out of this scan's sight
        assertThat(locators).as("sub-resource locators").isEmpty();
        return writes;
    }

    /** The concrete classes with a class-level @Path in com.nextpanel.billing, wherever on the classpath. */
    private static List<Class<?>> resourceClasses() throws Exception {
        ClassLoader loader = PlatformIT.class.getClassLoader();
        List<Class<?>> found = new ArrayList<>();
        List<URL> roots = Collections.list(loader.getResources("com/nextpanel/billing"));
        assertThat(roots).as("where the classes are").isNotEmpty()
                .allSatisfy(root -> assertThat(root.getProtocol()).as(root.toString()).isEqualTo("file"));
        for (URL root : roots) {
            java.nio.file.Path dir = java.nio.file.Path.of(root.toURI());
            try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
                for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String relative = dir.relativize(file).toString();
                    String name = "com.nextpanel.billing." + relative.substring(0, relative.length() - ".class".length())
                            .replace(File.separatorChar, '.');
                    Class<?> type = Class.forName(name, false, loader);
                    if (type.isAnnotationPresent(Path.class) && !type.isInterface()
                            && !Modifier.isAbstract(type.getModifiers())) {
                        found.add(type);
                    }
                }
            }
        }
        return found;
    }

    private static String httpMethodOf(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    /** The parameter JAX-RS fills from the body: the one without a JAX-RS annotation (@PathParam, @Context...). */
    private static boolean isEntity(Parameter parameter) {
        return Arrays.stream(parameter.getAnnotations())
                .noneMatch(a -> a.annotationType().getPackageName().startsWith("jakarta.ws.rs"));
    }

    private static String contentTypeOf(Method method) {
        Consumes consumes = method.isAnnotationPresent(Consumes.class) ? method.getAnnotation(Consumes.class)
                : method.getDeclaringClass().getAnnotation(Consumes.class);
        String first = consumes == null ? MediaType.WILDCARD : consumes.value()[0];
        return first.equals(MediaType.WILDCARD) ? MediaType.APPLICATION_JSON : first;
    }

    private static String normalized(String path) {
        String single = ("/" + path).replaceAll("/+", "/");
        return single.length() > 1 && single.endsWith("/") ? single.substring(0, single.length() - 1) : single;
    }

    /**
     * A body an ADMIN could have sent: every public field of the body's class, by its JSON name,
     * with a value that passes the usual checks (this simulator's credentials, a fresh username...).
     * A String or JsonObject body (read by the method itself) is {}.
     */
    private JsonObject plausibleBody(Class<?> type, long serverId) {
        JsonObjectBuilder body = Json.createObjectBuilder();
        Map<String, Class<?>> fields = new LinkedHashMap<>();
        if (type.isRecord()) {
            Arrays.stream(type.getRecordComponents()).forEach(c -> fields.put(c.getName(), c.getType()));
        } else if (type.getPackageName().startsWith("com.nextpanel")) {
            Arrays.stream(type.getFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                    .forEach((Field f) -> fields.put(f.getName(), f.getType()));
        }
        fields.forEach((name, fieldType) -> {
            String json = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
            body.add(json, plausibleValue(json, fieldType, serverId));
        });
        return body.build();
    }

    private JsonValue plausibleValue(String name, Class<?> type, long serverId) {
        return switch (name) {
            case "base_url" -> Json.createValue(sim.baseUrl());
            case "api_key" -> Json.createValue(sim.apiKey());
            case "api_secret" -> Json.createValue(sim.apiSecret());
            case "name", "full_name" -> Json.createValue(Fixtures.unique("Viewer's "));
            case "email" -> Json.createValue(Fixtures.unique("viewer") + "@example.com");
            case "username" -> Json.createValue(Fixtures.username());
            case "password" -> Json.createValue("ViewerPass123!");
            case "server_id" -> Json.createValue(serverId);
            case "currency" -> Json.createValue("USD");
            case "billing_cycle" -> Json.createValue("monthly");
            case "role" -> Json.createValue("ADMIN");
            case "when" -> Json.createValue("now");
            case "method" -> Json.createValue("bank_transfer");
            case "panel_url" -> Json.createValue(sim.baseUrl());
            case "phone" -> Json.createValue("+1234567890");
            default -> type == String.class ? Json.createValue("viewer-" + System.nanoTime())
                    : type == Boolean.class || type == boolean.class ? JsonValue.TRUE
                    : Number.class.isAssignableFrom(type) || type.isPrimitive() ? Json.createValue(1)
                    : List.class.isAssignableFrom(type) ? Json.createArrayBuilder().add("viewer").build()
                    : JsonValue.EMPTY_JSON_OBJECT;
        };
    }

    /** Rows per table, all of them but the ones the timers write whatever the requests: Flyway's, the panels' call budgets, the leases. */
    private static Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement();
                ResultSet tables = c.createStatement().executeQuery("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN"
                        + " ('flyway_schema_history', 'panel_call_budget', 'scheduler_lease')")) {
            while (tables.next()) {
                String table = tables.getString(1);
                try (ResultSet count = s.executeQuery("SELECT count(*) FROM " + table)) {
                    count.next();
                    counts.put(table, count.getLong(1));
                }
            }
        }
        assertThat(counts).containsKeys("audit_log", "panel_server", "hosting_account", "panel_job", "operator_token",
                "email_outbox", "hosting_order");
        return counts;
    }

    /**
     * No job (emails included) is running, and none will be due while the test counts rows: jobs
     * waiting are put off for a day. Earlier test classes leave jobs behind (their panels and mail
     * server gone), and their retries would write audit lines and alerts meanwhile. This
     * deployment keeps the real clock.
     */
    private static void awaitNoWorkUnderWay() throws SQLException {
        String underWay = " FROM panel_job WHERE status = 'in_progress'"
                + " OR (status = 'pending' AND next_attempt_at < now() + interval '1 hour')";
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                TestEnvironment.execute("UPDATE panel_job SET next_attempt_at = now() + interval '1 day'"
                        + " WHERE status = 'pending'");
                return TestEnvironment.count("SELECT count(*)" + underWay) == 0;
            });
        } catch (org.awaitility.core.ConditionTimeoutException stillUnderWay) {
            throw new AssertionError("still under way: "
                    + rows("SELECT id, kind, status, attempts, next_attempt_at, last_error" + underWay), stillUnderWay);
        }
    }

    private static String rows(String sql) throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = TestEnvironment.connect(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    all.append(rows.getString(i)).append(i < columns ? "|" : "\n");
                }
            }
        }
        return all.toString();
    }

    private static long created(Api api, String path, JsonObject body) {
        Api.Reply reply = api.post(path, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
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
