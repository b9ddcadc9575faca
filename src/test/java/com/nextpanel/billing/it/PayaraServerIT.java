package com.nextpanel.billing.it;

import static com.nextpanel.billing.it.Fixtures.guideServer;
import static com.nextpanel.billing.it.Fixtures.provision;
import static org.assertj.core.api.Assertions.assertThat;

import com.nextpanel.simulator.NextPanelSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same WAR, unchanged, on Payara Server 6 full (not Payara Micro): a fresh domain set up
 * with server-config/payara-server.asadmin answers the integration guide's calls against a
 * simulated panel. No Arquillian here: the domain is driven with asadmin, as an operator does.
 */
class PayaraServerIT {

    @RegisterExtension
    static final Simulators SIMULATORS = new Simulators();

    private static PayaraServerDomain domain;
    private static Api api;

    @BeforeAll
    static void startDomain() throws Exception {
        Map<String, String> config = TestEnvironment.appSettings(TestEnvironment.freshDatabase("billing_server_it"));
        domain = PayaraServerDomain.start(Path.of(System.getProperty("payara.serverHome")),
                Path.of(System.getProperty("billing.testData"), "payara-server-domains"),
                Path.of(System.getProperty("billing.serverConfig")), Path.of(System.getProperty("billing.war")), config);
        api = Api.admin(domain.url());
    }

    @AfterAll
    static void stopDomain() throws Exception {
        if (domain != null) {
            domain.close();
        }
    }

    @Test
    void theIntegrationGuidesCallsWorkOnPayaraServer() throws Exception {
        NextPanelSimulator sim = SIMULATORS.start();

        Api.Reply added = api.post("/api/v1/nextpanel/servers", guideServer("NextPanel Server 1", sim));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().getString("message")).isEqualTo("Server added successfully");
        long serverId = added.json().getJsonNumber("server_id").longValue();
        assertThat(api.get("/api/v1/nextpanel/servers").body()).contains("NextPanel Server 1").doesNotContain(sim.apiSecret());
        Api.Reply status = api.get("/api/v1/nextpanel/servers/status?refresh=true");
        assertThat(status.array().getValuesAs(JsonObject.class)).singleElement()
                .satisfies(row -> assertThat(row.getBoolean("is_online")).isTrue());

        Api.Reply provisioned = api.post("/api/v1/nextpanel/provision", provision("guideuser1"));
        assertThat(provisioned.status()).as(provisioned.toString()).isEqualTo(200);
        long accountId = provisioned.json().getJsonNumber("account_id").longValue();
        long panelUserId = provisioned.json().getJsonNumber("nextpanel_user_id").longValue();
        assertThat(sim.account(panelUserId).orElseThrow().username()).isEqualTo("guideuser1");
        assertThat(sim.passwordMatches(panelUserId, "SecurePass123!")).isTrue();

        String account = "/api/v1/nextpanel/accounts/" + accountId;
        assertThat(api.post(account + "/suspend", Json.createObjectBuilder().add("reason", "Payment overdue").build())
                .status()).isEqualTo(200);
        assertThat(sim.account(panelUserId).orElseThrow().suspensionReason()).isEqualTo("Payment overdue");
        assertThat(api.post(account + "/unsuspend", null).status()).isEqualTo(200);
        assertThat(sim.account(panelUserId).orElseThrow().status()).isEqualTo("active");
        Api.Reply stats = api.get(account + "/stats");
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        assertThat(stats.json().getString("username")).isEqualTo("guideuser1");
        assertThat(api.delete(account).status()).isEqualTo(200);
        assertThat(sim.account(panelUserId).orElseThrow().deleted()).isTrue();
        assertThat(Fixtures.server(api, serverId).getInt("current_accounts")).isZero();

        assertThat(Api.anonymous(domain.url()).get("/api/v1/nextpanel/servers").status()).isEqualTo(401);
        assertThat(Files.readString(domain.serverLog()))
                .doesNotContain(sim.apiSecret(), "SecurePass123!", TestEnvironment.ADMIN_TOKEN);
    }
}
