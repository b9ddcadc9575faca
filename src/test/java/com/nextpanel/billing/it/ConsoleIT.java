package com.nextpanel.billing.it;

import static com.nextpanel.billing.it.Fixtures.account;
import static com.nextpanel.billing.it.Fixtures.onlyActive;
import static com.nextpanel.billing.it.Fixtures.provision;
import static com.nextpanel.billing.it.Fixtures.registerServer;
import static com.nextpanel.billing.it.Fixtures.server;
import static com.nextpanel.billing.it.Fixtures.username;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nextpanel.billing.it.console.Axe;
import com.nextpanel.billing.it.console.Browser;
import com.nextpanel.billing.it.console.BrowserTests;
import com.nextpanel.simulator.NextPanelSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The operator console in headless Chromium, against the WAR on Payara Micro, PostgreSQL and
 * simulated panels: what an operator does, as an operator does it. Each test leaves a screenshot
 * of its page in target/screenshots/.
 */
@ExtendWith({BrowserTests.class, ArquillianExtension.class})
class ConsoleIT {

    @RegisterExtension
    static final Simulators SIMULATORS = new Simulators();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String TOKEN_KEY = "nextpanel-billing.operator-token";

    @ArquillianResource
    URL deployment;

    Api api;
    Browser browser;
    String base;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.billingWar();
    }

    @BeforeEach
    void start() {
        api = Api.admin(deployment);
        base = deployment.toString();
        browser = Browser.start(deployment.getHost());
    }

    /** Every test leaves its page's picture, and a page that logged a script error or a CSP violation fails it. */
    @AfterEach
    void photograph(TestInfo test) {
        try {
            browser.screenshot(SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"));
            assertThat(browser.consoleErrors()).as("errors in the browser's console").isEmpty();
        } finally {
            browser.close();
        }
    }

    @Test
    void signingInTakesAValidTokenKeepsItInTheTabAndSigningOutForgetsIt() {
        browser.expectRefusal(401, "/api/v1/"); // the wrong token, then the one revoked meanwhile
        browser.open(base, "fleet");
        browser.signInExpectingRefusal("npb_not_a_real_token");
        assertThat(browser.waitForText(By.id("sign-in-reason"), "Sign-in refused")).contains("not valid");

        browser.signIn(TestEnvironment.ADMIN_TOKEN);

        browser.waitForText(By.cssSelector("main h1"), "Fleet");
        assertThat(browser.driver().findElement(By.id("operator")).getText()).isEqualTo("admin · ADMIN");
        assertThat(browser.script("return sessionStorage.getItem(arguments[0])", TOKEN_KEY)).isEqualTo(TestEnvironment.ADMIN_TOKEN);
        assertThat(browser.script("return localStorage.length + document.cookie.length")).isEqualTo(0L);
        browser.driver().navigate().refresh(); // the tab keeps its session
        browser.waitForText(By.cssSelector("main h1"), "Fleet");

        browser.driver().findElement(By.id("sign-out")).click();

        browser.waitVisible(By.id("sign-in-token"));
        assertThat(browser.script("return sessionStorage.getItem(arguments[0])", TOKEN_KEY)).isNull();

        // a token that stops working mid-session brings the sign-in back, with the API's reason
        browser.signIn(TestEnvironment.ADMIN_TOKEN);
        browser.script("sessionStorage.setItem(arguments[0], 'npb_revoked_meanwhile')", TOKEN_KEY);
        browser.driver().findElement(By.linkText("Accounts")).click();
        assertThat(browser.waitForText(By.id("sign-in-reason"), "Your session has ended")).contains("not valid");
        assertThat(browser.driver().findElement(By.id("shell")).isDisplayed()).isFalse();
    }

    @Test
    void theFleetShowsHealthLatencyAndCapacityAndRefreshesOnDemand() {
        NextPanelSimulator east = SIMULATORS.start();
        NextPanelSimulator west = SIMULATORS.start();
        NextPanelSimulator down = SIMULATORS.start();
        // plain names: they appear in the README's screenshot (the test database is new for every run)
        long eastId = registerNamed("NextPanel US-East 1", "US-East", "Shared hosting, NVMe", east, 20);
        long westId = registerNamed("NextPanel US-West 1", "US-West", "Shared hosting, small plans", west, 10);
        long downId = registerNamed("NextPanel EU-Central 1", "EU-Central", "Reseller plans", down, 50);
        onlyActive(api, eastId, westId, downId);
        for (int i = 0; i < 14; i++) {
            provisionOn(i < 6 ? eastId : westId);
        }
        Fixtures.probedOnlyOnRefresh(downId, down); // no timer probe in flight: the first refresh is its first failure
        down.refuseConnections(true);
        browser.open(base, "fleet?inactive=hide");
        browser.signIn(TestEnvironment.ADMIN_TOKEN);

        browser.clickButton("Refresh now");

        assertThat(browser.waitForText(By.cssSelector("main p.notice.ok"), "Probed"))
                .contains("2 online, 1 failing, 0 offline");
        // its latest probe failed: failing at once, not online; offline only after three in a row
        assertThat(browser.row(name(downId)).getText()).contains("failing").doesNotContain("online")
                .contains("1 failed probe(s) in a row").contains("Connection refused");
        assertThat(browser.row(name(westId)).getText()).contains("8/10").contains("online").contains("ms");
        assertThat(browser.row(name(westId)).findElement(By.cssSelector(".capacity")).getAttribute("class")).contains("warn");
        assertThat(browser.row(name(eastId)).findElement(By.cssSelector(".capacity")).getAttribute("class")).doesNotContain("warn");
        // offline after three failed probes in a row (here one a refresh), with its alert
        browser.waitUntil(d -> {
            if (browser.row(name(downId)).getText().contains("offline") && openAlerts() >= 2) {
                return true;
            }
            browser.clickButton("Refresh now");
            return false;
        });
        browser.waitUntil(d -> d.findElement(By.name("refresh")).isEnabled()
                && d.findElement(By.id("alert-count-value")).getText().equals(String.valueOf(openAlerts())));
        assertThat(browser.row(name(downId)).getText()).contains("Connection refused");
        browser.screenshot(SCREENSHOTS.resolve("fleet.png"));
        if (Boolean.getBoolean("console.updateDocs")) { // -Dconsole.updateDocs=true refreshes the README's picture
            browser.screenshot(Path.of("docs", "fleet.png"));
        }
        browser.resize(390, 844);
        browser.screenshot(SCREENSHOTS.resolve("fleet-phone.png"));
        browser.resize(1280, 900);
    }

    @Test
    void anAdminAddsAServerOnlyAfterItsConnectionTestPasses() {
        NextPanelSimulator sim = SIMULATORS.start();
        String name = "Console Server " + Fixtures.unique("");
        browser.open(base, "fleet");
        browser.signIn(TestEnvironment.ADMIN_TOKEN);

        browser.clickButton("Add server");
        WebElement dialog = browser.dialog();
        browser.fill(dialog, "name", name);
        browser.fill(dialog, "base_url", sim.baseUrl());
        browser.fill(dialog, "api_key", sim.apiKey());
        browser.fill(dialog, "api_secret", "not-the-secret");
        browser.fill(dialog, "capacity", "25");
        browser.fill(dialog, "tags", "primary, managed");
        WebElement save = dialog.findElement(By.xpath(".//button[normalize-space()='Add server']"));
        assertThat(save.isEnabled()).isFalse();
        browser.press(dialog, "Test connection");
        assertThat(browser.waitForText(By.cssSelector("dialog[open] .test-outcome.error"), "Credentials refused")).isNotBlank();
        assertThat(save.isEnabled()).isFalse();

        browser.fill(dialog, "api_secret", sim.apiSecret());
        assertThat(browser.waitForText(By.cssSelector("dialog[open] .test-outcome"), "test again")).isNotBlank();
        browser.press(dialog, "Test connection");
        browser.waitForText(By.cssSelector("dialog[open] .test-outcome.ok"), "Connection OK");
        browser.waitUntil(d -> save.isEnabled());
        save.click();

        browser.waitForNoDialog();
        browser.waitForText(By.cssSelector("main p.notice.ok"), "added");
        assertThat(browser.row(name).getText()).contains("0/25").contains("online").contains("primary").contains("managed");
        assertThat(api.get("/api/v1/nextpanel/servers").array().getValuesAs(JsonObject.class))
                .anySatisfy(s -> assertThat(s.getString("name")).isEqualTo(name));
    }

    @Test
    void provisioningFromTheConsoleMovesTheCapacityBar() {
        long serverId = registerServer(api, SIMULATORS.start(), 5);
        onlyActive(api, serverId);
        String serverName = name(serverId);
        String username = username();
        browser.open(base, "fleet");
        browser.signIn(TestEnvironment.ADMIN_TOKEN);
        assertThat(capacityOf(serverName)).isEqualTo("0");

        browser.navigate("Accounts");
        browser.clickButton("Provision account");
        WebElement dialog = browser.dialog();
        browser.fill(dialog, "username", username);
        browser.fill(dialog, "email", username + "@example.com");
        browser.fill(dialog, "password", "SecurePass123!");
        browser.fill(dialog, "full_name", "Console Customer");
        browser.choose(dialog, "server_id", serverName);
        browser.press(dialog, "Provision");

        browser.waitForText(By.cssSelector("main p.notice.ok"), "created on " + serverName);
        assertThat(browser.row(username).getText()).contains("active").contains(serverName);
        browser.navigate("Fleet");
        assertThat(capacityOf(serverName)).isEqualTo("1");
        assertThat(browser.row(serverName).getText()).contains("1/5");

        for (int i = 0; i < 3; i++) {
            provisionOn(serverId);
        }
        browser.clickButton("Refresh now");

        browser.waitUntil(d -> "4".equals(capacityOf(serverName)));
        WebElement capacity = browser.row(serverName).findElement(By.cssSelector(".capacity"));
        assertThat(capacity.getAttribute("class")).contains("warn");
        assertThat(capacity.getText()).contains("4/5").contains("80");
    }

    @Test
    void anAccountIsSuspendedUnsuspendedAndDeletedOnlyAfterConfirmation() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        String username = username();
        long accountId = provisionNamed(username, serverId);
        long panelUser = account(api, accountId).getJsonNumber("nextpanel_user_id").longValue();
        browser.open(base, "accounts?username=" + username);
        browser.signIn(TestEnvironment.ADMIN_TOKEN);

        browser.clickInRow(username, "Stats");
        assertThat(browser.waitForText(By.cssSelector("tr.stats-row"), "Domains")).contains("Live from the panel");

        browser.clickInRow(username, "Suspend");
        WebElement dialog = browser.dialog();
        browser.fill(dialog, "reason", "Payment overdue");
        browser.press(dialog, "Suspend");
        browser.waitForText(By.cssSelector("main p.notice.ok"), "suspended");
        assertThat(browser.row(username).getText()).contains("suspended").contains("Payment overdue");
        assertThat(sim.account(panelUser).orElseThrow().status()).isEqualTo("suspended");

        browser.clickInRow(username, "Unsuspend");
        browser.waitForText(By.cssSelector("main p.notice.ok"), "unsuspended");
        browser.waitUntil(d -> browser.row(username).getText().contains("active"));
        assertThat(sim.account(panelUser).orElseThrow().status()).isEqualTo("active");

        browser.clickInRow(username, "Delete");
        browser.press(browser.dialog(), "Cancel");
        browser.waitForNoDialog();
        assertThat(account(api, accountId).getString("status")).isEqualTo("active");
        browser.clickInRow(username, "Delete");
        browser.press(browser.dialog(), "Delete account");
        browser.waitForText(By.cssSelector("main p.notice.ok"), "deleted");
        browser.waitUntil(d -> browser.row(username).getText().contains("terminated"));
        assertThat(sim.account(panelUser).orElseThrow().deleted()).isTrue();
    }

    @Test
    void aJobThatNeedsAttentionIsRetriedFromTheConsoleOnceThePanelIsBack() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        String username = username();
        long accountId = provisionNamed(username, serverId);
        sim.revoke(sim.apiKey());
        browser.open(base, "accounts?username=" + username);
        browser.signIn(TestEnvironment.ADMIN_TOKEN);

        browser.expectRefusal(502, "/api/v1/nextpanel/accounts/" + accountId + "/suspend"); // the panel's refusal, passed on
        browser.clickInRow(username, "Suspend");
        browser.press(browser.dialog(), "Suspend");

        // the panel's refusal beside the account, with the way to its job
        String refusal = browser.waitForText(By.cssSelector("main tbody tr .notice.error"), "API key has been revoked");
        long jobId = api.get("/api/v1/jobs?account_id=" + accountId + "&status=needs_attention").json()
                .getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
        assertThat(refusal).contains("Job #" + jobId + " needs attention");
        browser.waitUntil(d -> d.findElement(By.id("alert-count")).getAttribute("class").contains("has-alerts"));

        browser.driver().findElement(By.linkText("Job #" + jobId + " needs attention →")).click();
        WebElement stuck = browser.waitVisible(By.cssSelector("tr.highlight"));
        assertThat(stuck.getText()).contains("#" + jobId + " suspend").contains("needs attention").contains(username);
        assertThat(browser.driver().findElement(By.id("open-alerts")).findElement(By.xpath("..")).getText())
                .contains("suspend of account " + accountId + " needs attention");

        sim.addCredentials(sim.apiKey(), sim.apiSecret()); // the operator fixed the key on the panel
        browser.waitUntil(d -> server(api, serverId).getBoolean("is_online"));
        browser.press(stuck, "Retry");

        browser.waitForText(By.cssSelector("main p.notice.ok"), "Job #" + jobId);
        assertThat(api.get("/api/v1/jobs/" + jobId).json().getString("status")).isEqualTo("done");
        assertThat(account(api, accountId).getString("status")).isEqualTo("suspended");
        browser.waitUntil(d -> !d.findElement(By.id("open-alerts")).findElement(By.xpath(".."))
                .getText().contains("suspend of account " + accountId + " needs attention"));
    }

    @Test
    void aViewerSeesNoWriteActionsAndTheApiRefusesThem() {
        long serverId = registerServer(api, SIMULATORS.start(), 10);
        onlyActive(api, serverId);
        String username = username();
        provisionNamed(username, serverId);
        String viewerName = Fixtures.unique("ops-viewer");
        browser.open(base, "operators");
        browser.signIn(TestEnvironment.ADMIN_TOKEN);
        browser.clickButton("Issue token");
        WebElement dialog = browser.dialog();
        browser.fill(dialog, "name", viewerName);
        browser.choose(dialog, "role", "VIEWER");
        browser.press(dialog, "Issue token");
        String viewerToken = browser.waitVisible(By.id("issued-token")).getAttribute("value");
        assertThat(viewerToken).startsWith("npb_");
        assertThat(browser.row(viewerName).getText()).contains("VIEWER").doesNotContain(viewerToken);
        browser.driver().findElement(By.id("sign-out")).click();
        browser.signIn(viewerToken);

        assertThat(browser.waitForText(By.id("operator"), "VIEWER")).startsWith(viewerName);
        browser.waitForText(By.cssSelector("main h1"), "Not found"); // still on #/operators, which a VIEWER may not see
        browser.navigate("Fleet");
        browser.row(name(serverId));
        assertThat(buttons()).contains("Refresh now").doesNotContain("Add server", "Edit", "Rotate credentials",
                "Deactivate", "Delete");
        assertThat(browser.driver().findElement(By.id("nav")).getText()).doesNotContain("Operators");
        browser.navigate("Accounts");
        browser.row(username);
        assertThat(buttons()).contains("Stats").doesNotContain("Provision account", "Suspend", "Unsuspend", "Delete");
        browser.navigate("Jobs & alerts");
        assertThat(buttons()).doesNotContain("Retry", "Resolve");
        browser.navigate("Billing");
        assertThat(buttons()).doesNotContain("Add customer");
        browser.navigate("Automation");
        assertThat(buttons()).doesNotContain("Run now");

        // and the API refuses a write sent with the viewer's token from this very page
        browser.expectRefusal(403, "/api/v1/automation/run");
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('api/v1/automation/run', { method: 'POST',
                    headers: { Authorization: 'Bearer ' + sessionStorage.getItem(arguments[0]) } })
                  .then(async r => done({ status: r.status, type: r.headers.get('Content-Type'), body: await r.json() }))
                  .catch(e => done({ error: String(e) }));
                """, TOKEN_KEY);
        assertThat(answer.get("status")).isEqualTo(403L);
        assertThat((String) answer.get("type")).startsWith("application/problem+json");
        assertThat(((Map<?, ?>) answer.get("body")).get("detail").toString()).contains("ADMIN");
        Api.Reply refused = api.withToken(viewerToken).post("/api/v1/nextpanel/provision", provision(username()));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aServerNamedLikeMarkupIsShownAsText() {
        NextPanelSimulator sim = SIMULATORS.start();
        String name = "<img src=x onerror=alert(1)> " + Fixtures.unique("");
        Api.Reply added = api.post("/api/v1/nextpanel/servers",
                Json.createObjectBuilder(Fixtures.guideServer(name, sim)).add("description", "<b>bold?</b>").build());
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        browser.open(base, "fleet");
        browser.signIn(TestEnvironment.ADMIN_TOKEN);

        WebElement row = browser.row(name);

        assertThat(row.findElement(By.cssSelector(".name")).getText()).isEqualTo(name);
        assertThat(row.getText()).contains("<b>bold?</b>");
        assertThat(browser.driver().findElements(By.cssSelector("main img, main b"))).isEmpty();
        browser.clickInRow(name, "Edit");
        assertThat(browser.dialog().findElement(By.tagName("h2")).getText()).isEqualTo("Edit " + name);
        browser.press(browser.dialog(), "Cancel");
        browser.navigate("Accounts");
        assertThat(browser.driver().findElement(By.name("server_id")).getText()).contains(name);
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        browser.navigate("Fleet");
        browser.row(name);
    }

    @Test
    void refusalsAppearBesideWhatCausedThem() {
        NextPanelSimulator sim = SIMULATORS.start();
        long serverId = registerServer(api, sim, 10);
        onlyActive(api, serverId);
        provisionNamed(username(), serverId);
        String serverName = name(serverId);
        browser.open(base, "billing/customers");
        browser.signIn(TestEnvironment.ADMIN_TOKEN);

        browser.expectRefusal(400, "/api/v1/customers"); // the invalid fields below
        browser.expectRefusal(409, "/api/v1/nextpanel/servers/" + serverId); // a server that holds accounts
        browser.clickButton("Add customer");
        WebElement dialog = browser.dialog();
        browser.fill(dialog, "email", "no-at-sign");
        browser.fill(dialog, "phone", "call me");
        browser.press(dialog, "Add customer");

        assertThat(browser.fieldError(dialog, "email")).contains("email");
        assertThat(browser.fieldError(dialog, "full_name")).isNotBlank();
        assertThat(browser.fieldError(dialog, "phone")).contains("phone number");
        assertThat(dialog.findElement(By.cssSelector(".form-error")).getText()).contains("3 fields are invalid");
        assertThat(dialog.findElement(By.name("email")).getAttribute("aria-invalid")).isEqualTo("true");
        String email = Fixtures.unique("ada") + "@example.com";
        browser.fill(dialog, "email", email);
        browser.fill(dialog, "full_name", "Ada Lovelace");
        browser.fill(dialog, "phone", "+441234567");
        browser.press(dialog, "Add customer");
        browser.waitForNoDialog();
        assertThat(browser.row(email).getText()).contains("Ada Lovelace");

        // a server that holds accounts is not deleted: the reason shows on its row
        browser.navigate("Fleet");
        browser.clickInRow(serverName, "Delete");
        browser.press(browser.dialog(), "Delete server");
        String refusal = browser.waitForText(By.xpath("//main//tbody/tr[td[contains(., '" + serverName + "')]]"
                + "//p[contains(@class, 'notice')]"), "account");
        assertThat(refusal).isNotBlank();
        assertThat(server(api, serverId).getString("name")).isEqualTo(serverName);
    }

    @Test
    void anOrderIsPlacedAndPaidAndItsServiceCancelledFromTheConsole() {
        long serverId = registerServer(api, SIMULATORS.start(), 10);
        onlyActive(api, serverId);
        String email = Fixtures.unique("grace") + "@example.com";
        long customer = api.post("/api/v1/customers", Json.createObjectBuilder().add("email", email)
                .add("full_name", "Grace Hopper").build()).json().getJsonNumber("id").longValue();
        String plan = "Console plan " + Fixtures.unique("");
        api.post("/api/v1/plans", Json.createObjectBuilder().add("name", plan).add("price", 4.5).add("currency", "USD")
                .add("billing_cycle", "monthly").add("package_id", 1).build());
        String username = username();
        browser.open(base, "billing/orders?customer_id=" + customer);
        browser.signIn(TestEnvironment.ADMIN_TOKEN);

        browser.clickButton("New order");
        WebElement dialog = browser.dialog();
        browser.choose(dialog, "customer_id", email);
        browser.choose(dialog, "plan_id", plan);
        browser.fill(dialog, "username", username);
        browser.press(dialog, "Place order");
        browser.waitForText(By.cssSelector("main p.notice.ok"), "placed");
        assertThat(browser.row(username).getText()).contains("pending").contains("unpaid").contains("Grace Hopper");

        browser.clickInRow(username, "Mark paid");
        WebElement pay = browser.dialog();
        browser.fill(pay, "reference", "bank-" + Fixtures.unique(""));
        browser.press(pay, "Mark paid");
        browser.waitForText(By.cssSelector("main p.notice.ok"), "is ");
        browser.waitUntil(d -> browser.row(username).getText().contains("(paid)"));

        browser.open(base, "billing/services?customer_id=" + customer);
        browser.waitUntil(d -> {
            if (browser.row(plan).getText().contains("active")) {
                return true;
            }
            browser.driver().navigate().refresh(); // the account is provisioned by the payment's job
            browser.waitForPage();
            return false;
        });
        browser.clickInRow(plan, "Cancel at period end");
        browser.press(browser.dialog(), "Cancel at period end");
        browser.waitForText(By.cssSelector("main p.notice.ok"), "will end on");
        assertThat(browser.row(plan).findElements(By.xpath(".//button[normalize-space()='Cancel at period end']"))).isEmpty();
    }

    @Test
    void automationRunsNowAndTheAuditTellsWhoDidWhat() {
        // what the filter below must keep out: another operator's success, and the admin's refusal
        NextPanelSimulator sim = SIMULATORS.start();
        String otherOperator = Fixtures.unique("ops-");
        Api other = api.withToken(api.post("/api/v1/operators/tokens", Json.createObjectBuilder()
                .add("name", otherOperator).add("role", "ADMIN").build()).json().getString("token"));
        String othersServer = "Other's server " + Fixtures.unique("");
        String adminsServer = "Admin's server " + Fixtures.unique("");
        assertThat(other.post("/api/v1/nextpanel/servers", Fixtures.guideServer(othersServer, sim)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/nextpanel/servers", Fixtures.guideServer(adminsServer, sim)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/nextpanel/servers", Fixtures.guideServer(adminsServer, sim)).status()).isEqualTo(409);
        browser.open(base, "automation");
        browser.signIn(TestEnvironment.ADMIN_TOKEN);

        browser.clickButton("Run now");
        browser.press(browser.dialog(), "Run now");

        String done = browser.waitForText(By.cssSelector("main p.notice"), "finished");
        String runId = done.replaceAll("(?s)^Run #(\\d+).*", "$1");
        assertThat(browser.row("#" + runId).getText()).contains("manual");

        browser.navigate("Audit");
        WebElement filters = browser.waitVisible(By.cssSelector("form.filters"));
        browser.fill(filters, "actor", "admin");
        browser.choose(filters, "outcome", "success");
        browser.press(filters, "Apply");
        browser.waitUntil(d -> d.getCurrentUrl().contains("actor=admin") && browser.pageLoaded());
        List<String> rows = browser.driver().findElements(By.cssSelector("main tbody tr")).stream()
                .map(WebElement::getText).toList();
        assertThat(rows).anySatisfy(r -> assertThat(r).contains(adminsServer).contains("server.register"))
                .noneSatisfy(r -> assertThat(r).contains(othersServer))
                .noneSatisfy(r -> assertThat(r).contains("refused"))
                .allSatisfy(r -> assertThat(r).contains("admin").contains("success"));
    }

    /** The console's pages, as routed (billing's tabs each count). */
    private static final List<String> PAGES = List.of("fleet", "accounts", "attention", "billing/customers",
            "billing/plans", "billing/orders", "billing/invoices", "billing/services", "automation", "audit",
            "emails", "operators");

    /** axe-core on the sign-in and every page, with rows in the lists (badges, buttons, pagers drawn). */
    @Test
    void everyPageOfTheConsolePassesAxe() {
        long serverId = registerServer(api, SIMULATORS.start(), 10);
        onlyActive(api, serverId);
        provisionOn(serverId);
        long customer = api.post("/api/v1/customers", Json.createObjectBuilder()
                .add("email", Fixtures.unique("axe") + "@example.com").add("full_name", "Axe Customer").build())
                .json().getJsonNumber("id").longValue();
        long plan = api.post("/api/v1/plans", Json.createObjectBuilder().add("name", "Axe plan " + Fixtures.unique(""))
                .add("price", 3).add("currency", "USD").add("billing_cycle", "monthly").add("package_id", 1).build())
                .json().getJsonNumber("id").longValue();
        api.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer).add("plan_id", plan)
                .add("username", username()).build());
        browser.open(base, "fleet");
        browser.waitVisible(By.id("sign-in-token"));
        List<String> failures = new java.util.ArrayList<>(axeFailures("the sign-in"));
        browser.signIn(TestEnvironment.ADMIN_TOKEN);

        for (String page : PAGES) {
            browser.open(base, page);
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("#/" + page) && browser.pageLoaded());
            failures.addAll(axeFailures(page));
        }

        assertThat(failures).as("serious or critical violations, and landmark violations").isEmpty();
    }

    private List<String> axeFailures(String where) {
        var found = Axe.violations(browser.driver()).stream().filter(Axe.SERIOUS_OR_CRITICAL.or(Axe.LANDMARKS)).toList();
        return found.isEmpty() ? List.of() : List.of(where + ":\n" + Axe.describe(found));
    }

    // --- helpers -------------------------------------------------------------------------------

    private List<String> buttons() {
        browser.waitForPage();
        return browser.driver().findElements(By.cssSelector("main button")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }

    /** The capacity bar's aria-valuenow on the server's row. */
    private String capacityOf(String serverName) {
        return browser.row(serverName).findElement(By.cssSelector(".capacity .bar")).getAttribute("aria-valuenow");
    }

    private int openAlerts() {
        return api.get("/api/v1/alerts?status=open&size=1").json().getInt("total");
    }

    private String name(long serverId) {
        return server(api, serverId).getString("name");
    }

    private long registerNamed(String name, String location, String description, NextPanelSimulator sim, int capacity) {
        Api.Reply reply = api.post("/api/v1/nextpanel/servers", Json.createObjectBuilder(Fixtures.guideServer(name, sim))
                .add("capacity", capacity).add("location", location).add("description", description).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("server_id").longValue();
    }

    private long provisionOn(long serverId) {
        return provisionNamed(username(), serverId);
    }

    private long provisionNamed(String username, long serverId) {
        Api.Reply reply = api.post("/api/v1/nextpanel/provision",
                Json.createObjectBuilder(provision(username)).add("server_id", serverId).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().getJsonNumber("account_id").longValue();
    }
}
