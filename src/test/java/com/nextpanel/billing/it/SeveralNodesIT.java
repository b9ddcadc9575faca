package com.nextpanel.billing.it;

import static com.nextpanel.billing.it.Fixtures.account;
import static com.nextpanel.billing.it.Fixtures.onlyActive;
import static com.nextpanel.billing.it.Fixtures.provision;
import static com.nextpanel.billing.it.Fixtures.registerServer;
import static com.nextpanel.billing.it.Fixtures.server;
import static com.nextpanel.billing.it.Fixtures.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nextpanel.launch.FreePorts;
import com.nextpanel.launch.PayaraProcess;
import com.nextpanel.simulator.NextPanelSimulator;
import com.nextpanel.simulator.SimAccount;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two Payara Micro nodes on one PostgreSQL database, as DESIGN.md's "several nodes" promises:
 * capacity is not overshot when provisions arrive through both, the billing day fired on both at
 * once acts once, and no job is run by both. Arquillian runs one node per class, so this test
 * starts its two nodes itself (--nohazelcast: all coordination is in PostgreSQL).
 */
class SeveralNodesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final int SERVICES = 20;
    private static final int JOBS = 20;

    @RegisterExtension
    static final Simulators SIMULATORS = new Simulators();

    private static String dbUrl;
    private static PayaraProcess nodeA;
    private static PayaraProcess nodeB;
    private static Api a;
    private static Api b;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        dbUrl = TestEnvironment.freshDatabase("billing_nodes_it");
        Path dir = Path.of(System.getProperty("billing.testData", "target/it-data")).resolve("nodes");
        Files.createDirectories(dir);
        // a copy: a `mvn package` meanwhile would rewrite target/*.war under the nodes
        Path war = Files.copy(Path.of(System.getProperty("billing.war")), dir.resolve("nextpanel-billing.war"),
                StandardCopyOption.REPLACE_EXISTING);
        // both at once, as an operator starting two nodes would: both run Flyway on the fresh database
        nodeA = node("node-a", war, dir);
        nodeB = node("node-b", war, dir);
        nodeA.requireReady(Duration.ofSeconds(300));
        nodeB.requireReady(Duration.ofSeconds(300));
        a = Api.admin(URI.create(nodeA.url()).toURL());
        b = Api.admin(URI.create(nodeB.url()).toURL());
    }

    /** A node as arquillian.xml starts the suite's: short intervals, and the automation runs only when the test says so. */
    private static PayaraProcess node(String name, Path war, Path dir) throws IOException {
        return PayaraProcess.builder(war, FreePorts.any())
                .jvmOptions(PayaraProcess.QUICK_BOOT)
                .jvmOptions("-XX:+UseSerialGC", "-Xss1m", "-Dfleet.probe.interval-seconds=1", "-Dfleet.probe.timeout-ms=1000",
                        "-Dpanel.read-timeout-ms=3000", "-Djobs.backoff-base-ms=300",
                        "-Djobs.max-attempts=4", "-Dpanel.max-concurrent-calls=8", "-Dbilling.automation.enabled=false",
                        "-Dmail.smtp.port=" + FreePorts.any()) // nobody listens: the emails wait, harmlessly
                .withoutCallersAppSettings()
                .appConfig(TestEnvironment.appSettings(dbUrl))
                .logTo(dir.resolve(name + ".log"))
                .killOnJvmExit() // a test JVM stopped before its @AfterAll (Ctrl-C) must not leave a node holding its port
                .start();
    }

    @AfterAll
    static void stopNodes() {
        for (PayaraProcess node : new PayaraProcess[] {nodeA, nodeB}) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void twoHundredProvisionsIntoFiftySlotsHalfThroughEachNodeMakeExactlyFifty() throws Exception {
        // 25 panels of 2 slots: half the reservations take a server's last slot, where the nodes
        // would overshoot if either guarded capacity in its own JVM only
        List<NextPanelSimulator> fleet = new ArrayList<>();
        List<Long> servers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            fleet.add(panel());
            servers.add(registerServer(i % 2 == 0 ? a : b, fleet.get(i), 2));
        }
        onlyActive(a, servers.toArray(Long[]::new));
        // registered once, each through one node: the other knows it through the database
        assertThat(server(b, servers.get(0)).getInt("capacity")).isEqualTo(2);
        assertThat(server(a, servers.get(1)).getInt("capacity")).isEqualTo(2);

        Map<String, Map<Integer, Integer>> byNode = new HashMap<>();
        long started = System.nanoTime();
        // 20 clients keep both nodes busy on about 40 database connections; more would crowd CI's
        // server (max_connections 100) beside the pool of the suite's Arquillian node
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Api.Reply>> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Api node = i % 2 == 0 ? a : b;
                sent.add(pool.submit(() -> node.post("/api/v1/nextpanel/provision", provision(username()))));
            }
            for (int i = 0; i < sent.size(); i++) {
                Api.Reply reply = sent.get(i).get();
                assertThat(reply.status()).as(reply.toString()).isIn(200, 503);
                byNode.computeIfAbsent(i % 2 == 0 ? "a" : "b", k -> new HashMap<>())
                        .merge(reply.status(), 1, Integer::sum);
            }
        } finally {
            pool.shutdown();
        }
        System.out.printf("[SeveralNodesIT] 200 provisions in %.1f s, by node and answer: %s%n",
                (System.nanoTime() - started) / 1e9, byNode);

        int created = byNode.values().stream().mapToInt(m -> m.getOrDefault(200, 0)).sum();
        int refused = byNode.values().stream().mapToInt(m -> m.getOrDefault(503, 0)).sum();
        assertThat(created).isEqualTo(50);
        assertThat(refused).isEqualTo(150);
        // on the panels: 50 accounts, each created by one call, none beyond a server's capacity
        assertThat(fleet).allSatisfy(p -> assertThat(p.accountCount()).isEqualTo(2));
        List<SimAccount> onPanels = fleet.stream().flatMap(p -> p.accounts().stream()).toList();
        assertThat(onPanels).extracting(SimAccount::status).containsOnly("active");
        assertThat(onPanels).extracting(SimAccount::username).doesNotHaveDuplicates();
        assertThat(fleet.stream().mapToLong(p -> p.requests("POST", "/api/v1/billing/accounts")).sum()).isEqualTo(50);
        // on our side, as either node answers: each server's count, and its accounts, all active
        for (Api node : List.of(a, b)) {
            assertThat(servers).allSatisfy(id -> {
                assertThat(server(node, id).getInt("current_accounts")).isEqualTo(2);
                assertThat(accountsOn(node, id, "")).isEqualTo(2);
                assertThat(accountsOn(node, id, "&status=active")).isEqualTo(2);
            });
        }
    }

    @Test
    void theBillingDayFiredOnBothNodesAtOnceSuspendsEachServiceOnce() throws Exception {
        NextPanelSimulator billingPanel = panel();
        long serverId = registerServer(a, billingPanel, SERVICES + 5);
        onlyActive(b, serverId);
        long plan = create(a, "/api/v1/plans", Json.createObjectBuilder().add("name", Fixtures.unique("Nodes "))
                .add("price", new BigDecimal("4.99")).add("currency", "USD").add("billing_cycle", "monthly")
                .add("package_id", 1).build());
        List<Long> services = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            Api node = i % 2 == 0 ? a : b;
            long customer = create(node, "/api/v1/customers", Json.createObjectBuilder()
                    .add("email", Fixtures.unique("nodes") + "@example.com").add("full_name", "Node " + i).build());
            Api.Reply order = node.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer)
                    .add("plan_id", plan).add("username", username()).build());
            assertThat(order.status()).as(order.toString()).isEqualTo(201);
            Api.Reply paid = node.post("/api/v1/orders/" + order.json().getJsonNumber("id").longValue() + "/pay", null);
            assertThat(paid.status()).as(paid.toString()).isEqualTo(200);
            services.add(order.json().getJsonNumber("service_id").longValue());
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(services).allSatisfy(s ->
                assertThat(a.get("/api/v1/services/" + s).json().getString("status")).isEqualTo("active")));
        Map<Long, Long> accountOfService = new HashMap<>();
        Map<Long, Long> panelUserOfAccount = new HashMap<>();
        for (long service : services) {
            long accountId = a.get("/api/v1/services/" + service).json().getJsonNumber("account_id").longValue();
            accountOfService.put(service, accountId);
            panelUserOfAccount.put(accountId, account(a, accountId).getJsonNumber("nextpanel_user_id").longValue());
        }

        // Overdue without moving a clock (each node has its own): the services fell due 4 days ago,
        // past billing.suspend-after-days (3), short of terminate-after-days (30).
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE service SET next_due_date = ? WHERE id = ANY (?)")) {
            s.setObject(1, today.minusDays(4));
            s.setArray(2, c.createArrayOf("bigint", services.toArray()));
            assertThat(s.executeUpdate()).isEqualTo(SERVICES);
        }

        // Twice both at once: the renewal invoices, then (if the first firing did not already) the
        // overdue marks and the suspensions. Whatever the interleaving, each happens once in all.
        List<Api.Reply> replies = new ArrayList<>(bothAtOnce("/api/v1/automation/run"));
        replies.addAll(bothAtOnce("/api/v1/automation/run"));
        System.out.println("[SeveralNodesIT] automation runs: " + replies.stream()
                .map(r -> r.status() == 200 ? r.body() : "HTTP " + r.status()).toList());
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 409));
        assertThat(replies.subList(0, 2)).anySatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(replies.subList(2, 4)).anySatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(sum(replies, "invoices_created")).isEqualTo(SERVICES);
        assertThat(sum(replies, "overdue_marked")).isEqualTo(SERVICES);
        assertThat(sum(replies, "suspended")).isEqualTo(SERVICES);
        assertThat(sum(replies, "terminated")).isZero();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(services).allSatisfy(s ->
                assertThat(b.get("/api/v1/services/" + s).json().getString("status")).isEqualTo("suspended")));
        accountOfService.forEach((service, accountId) -> {
            long panelUser = panelUserOfAccount.get(accountId);
            assertThat(b.get("/api/v1/jobs?kind=suspend&account_id=" + accountId).json().getJsonNumber("total")
                    .longValue()).as("SUSPEND jobs of account %d", accountId).isEqualTo(1);
            assertThat(billingPanel.requests("POST", "/api/v1/billing/accounts/" + panelUser + "/suspend"))
                    .as("suspend calls for panel user %d", panelUser).isEqualTo(1);
            assertThat(billingPanel.account(panelUser).orElseThrow())
                    .extracting(SimAccount::status, SimAccount::suspensionReason, SimAccount::deleted)
                    .containsExactly("suspended", "Payment overdue", false);
            assertThat(b.get("/api/v1/invoices?service_id=" + service).json().getJsonNumber("total")
                    .longValue()).isEqualTo(2); // the first and one renewal
        });
    }

    @Test
    void noJobIsRunByBothNodes() throws Exception {
        // its own jobs: orders paid through both nodes at once queue provisions for both nodes' workers
        NextPanelSimulator jobsPanel = panel();
        long serverId = registerServer(a, jobsPanel, JOBS);
        onlyActive(b, serverId);
        long plan = create(b, "/api/v1/plans", Json.createObjectBuilder().add("name", Fixtures.unique("Jobs "))
                .add("price", new BigDecimal("2.99")).add("currency", "USD").add("billing_cycle", "monthly")
                .add("package_id", 1).build());
        List<Long> orders = new ArrayList<>();
        List<Long> services = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            long customer = create(a, "/api/v1/customers", Json.createObjectBuilder()
                    .add("email", Fixtures.unique("jobs") + "@example.com").add("full_name", "Job " + i).build());
            Api.Reply order = a.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer)
                    .add("plan_id", plan).add("username", username()).build());
            assertThat(order.status()).as(order.toString()).isEqualTo(201);
            orders.add(order.json().getJsonNumber("id").longValue());
            services.add(order.json().getJsonNumber("service_id").longValue());
        }
        ExecutorService payers = Executors.newFixedThreadPool(10);
        try {
            List<Future<Api.Reply>> paid = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                Api node = i % 2 == 0 ? a : b;
                String path = "/api/v1/orders/" + orders.get(i) + "/pay";
                paid.add(payers.submit(() -> node.post(path, null)));
            }
            for (Future<Api.Reply> reply : paid) {
                assertThat(reply.get().status()).as(reply.get().toString()).isEqualTo(200);
            }
        } finally {
            payers.shutdown();
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(services).allSatisfy(s ->
                assertThat(b.get("/api/v1/services/" + s).json().getString("status")).isEqualTo("active")));

        // per account: one job, run once, audited once; one create on the panel
        List<Long> accounts = services.stream()
                .map(s -> a.get("/api/v1/services/" + s).json().getJsonNumber("account_id").longValue()).toList();
        for (long accountId : accounts) {
            List<JsonObject> jobs = a.get("/api/v1/jobs?account_id=" + accountId).json().getJsonArray("items")
                    .getValuesAs(JsonObject.class);
            assertThat(jobs).as("jobs of account %d", accountId).singleElement().satisfies(job -> {
                assertThat(job.getString("kind")).isEqualTo("provision");
                assertThat(job.getString("status")).isEqualTo("done");
                assertThat(job.getInt("attempts")).isEqualTo(1);
            });
            long jobId = jobs.get(0).getJsonNumber("id").longValue();
            List<JsonObject> audited = b.get("/api/v1/audit?action=account.provision&target_type=account&target_id="
                    + accountId).json().getJsonArray("items").getValuesAs(JsonObject.class);
            assertThat(audited).as("provision audit lines of account %d", accountId).singleElement()
                    .satisfies(line -> assertThat(line.getString("detail")).startsWith("job " + jobId + ", attempt 1:"));
            long panelUser = account(a, accountId).getJsonNumber("nextpanel_user_id").longValue();
            assertThat(jobsPanel.account(panelUser)).get().extracting(SimAccount::status).isEqualTo("active");
        }
        assertThat(jobsPanel.requests("POST", "/api/v1/billing/accounts")).isEqualTo(JOBS);
        assertThat(jobsPanel.accountCount()).isEqualTo(JOBS);
        assertThat(jobsPanel.accounts()).extracting(SimAccount::username).doesNotHaveDuplicates();
        assertThat(jobsPanel.requests("DELETE", "/api/v1/billing/accounts")).isZero();
        // and no node ran one another had claimed: every job of these accounts attempted once
        String ofTheseAccounts = " FROM panel_job WHERE account_id IN (" + accounts.stream().map(String::valueOf)
                .collect(Collectors.joining(",")) + ")";
        assertThat(count("SELECT count(*)" + ofTheseAccounts)).isEqualTo(JOBS);
        assertThat(count("SELECT count(*)" + ofTheseAccounts + " AND attempts <> 1")).isZero();
    }

    // --- helpers ---------------------------------------------------------------------------

    private static NextPanelSimulator panel() {
        return SIMULATORS.start();
    }

    /** POSTs to both nodes at the same moment (a barrier releases both senders). */
    private static List<Api.Reply> bothAtOnce(String path) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            List<Future<Api.Reply>> sent = new ArrayList<>();
            for (Api node : List.of(a, b)) {
                sent.add(senders.submit(() -> {
                    start.await();
                    return node.post(path, null);
                }));
            }
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> reply : sent) {
                replies.add(reply.get());
            }
            return replies;
        } finally {
            senders.shutdown();
        }
    }

    private static int sum(List<Api.Reply> replies, String field) {
        return replies.stream().filter(r -> r.status() == 200).mapToInt(r -> r.json().getInt(field)).sum();
    }

    /** How many accounts the node lists on one server, with more filters ({@code "&status=active"}) or none. */
    private static long accountsOn(Api node, long serverId, String filters) {
        return node.get("/api/v1/nextpanel/accounts?server_id=" + serverId + filters).json().getJsonNumber("total")
                .longValue();
    }

    private static long create(Api api, String path, JsonObject body) {
        Api.Reply reply = api.post(path, body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(dbUrl, System.getProperty("it.db.user"), System.getProperty("it.db.password"));
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
