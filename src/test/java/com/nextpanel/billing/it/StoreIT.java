package com.nextpanel.billing.it;

import static com.nextpanel.billing.it.Fixtures.onlyActive;
import static com.nextpanel.billing.it.Fixtures.registerServer;
import static com.nextpanel.billing.it.Fixtures.username;
import static org.assertj.core.api.Assertions.assertThat;

import com.nextpanel.billing.it.console.Axe;
import com.nextpanel.billing.it.console.Browser;
import com.nextpanel.billing.it.console.BrowserTests;
import com.nextpanel.billing.it.console.StorePages;
import com.nextpanel.simulator.NextPanelSimulator;
import com.nextpanel.simulator.SimAccount;
import jakarta.json.Json;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The store and the client area in headless Chromium, against the deployed WAR: every page at a
 * phone's width and a desktop's, without horizontal scroll and without serious axe violations, and
 * a customer's way from the catalog to an active service, paid by card on the fake Stripe.
 */
@ExtendWith({BrowserTests.class, ArquillianExtension.class})
class StoreIT {

    @RegisterExtension
    static final Simulators SIMULATORS = new Simulators();
    @RegisterExtension
    static final Mailbox MAIL = new Mailbox();
    static final String PASSWORD = "correct horse battery staple";

    @ArquillianResource
    URL deployment;

    Api api;
    Browser browser;
    StorePages store;

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.billingWarWithTestSupport(); // the public address in emails and payment returns is set per test
    }

    @BeforeEach
    void start() {
        api = Api.admin(deployment);
        browser = Browser.start(deployment.getHost());
        store = new StorePages(browser, deployment.toString());
    }

    @AfterEach
    void stop(TestInfo test) {
        try {
            browser.screenshot(Path.of("target", "screenshots", "store-" + test.getTestMethod().orElseThrow().getName() + ".png"));
            assertThat(browser.consoleErrors()).as("errors in the browser's console").isEmpty();
        } finally {
            browser.close();
        }
    }

    /** The pages anyone may open. */
    @Test
    void everyPublicPageFitsAPhoneAndPassesAxe() {
        for (String page : List.of("index", "signup", "signin", "forgot", "reset?token=not-a-real-token",
                "verify?token=not-a-real-token", "checkout?plan=1")) {
            String path = "store/" + page.replaceFirst("^(\\w+)", "$1.html");
            store.checkAtBothWidths(page.replaceFirst("\\?.*", ""), path);
        }
    }

    @Test
    void aFormRefusedHereShowsEachErrorBesideItsFieldAndFocusesTheSummary() {
        store.open("store/signup.html");
        store.fill("email", "not-an-email");
        store.fill("password", "short");
        browser.driver().findElement(By.id("signup-submit")).click();

        WebElement summary = browser.waitVisible(By.cssSelector("[data-test='signup-errors']"));
        assertThat(summary.getAttribute("role")).isEqualTo("alert");
        assertThat(browser.script("return document.activeElement.dataset.test")).isEqualTo("signup-errors");
        assertThat(store.fieldError("full_name")).contains("full name");
        assertThat(store.fieldError("email")).contains("valid email");
        assertThat(store.fieldError("password")).contains("10 characters");
        assertThat(summary.findElements(By.tagName("li"))).hasSize(3);
        assertThat(browser.driver().findElement(By.id("email")).getAttribute("aria-invalid")).isEqualTo("true");
        Axe.assertNoSeriousViolations(browser.driver(), "sign-up with errors");
        store.assertNoHorizontalScroll("sign-up with errors");
    }

    @Test
    void theCatalogShowsAnOperatorsPlanAsTextAndLeadsToItsCheckout() {
        publicAddressIsThisDeployment();
        String name = "<b>Starter</b> " + Fixtures.unique("");
        long plan = createPlan(name, "4.50");

        store.open("store/index.html");

        WebElement card = browser.waitVisible(By.cssSelector("[data-test='plan'][data-plan-id='" + plan + "']"));
        assertThat(card.findElement(By.tagName("h2")).getText()).isEqualTo(name);
        assertThat(card.getText()).contains("$4.50").contains("per month");
        assertThat(card.findElements(By.tagName("b"))).isEmpty();
        card.findElement(By.cssSelector("[data-test='order']")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("store/checkout.html?plan=" + plan));
        browser.waitVisible(By.cssSelector("[data-test='need-account']"));
        store.checkAtBothWidths("catalog-with-plan", "store/index.html");
    }

    @Test
    void theClientAreaSendsAStrangerToSignInAndBack() {
        publicAddressIsThisDeployment();
        store.open("client/invoices.html");
        browser.waitUntil(d -> d.getCurrentUrl().contains("store/signin.html?next="));
        browser.waitVisible(By.id("signup-link")).click(); // sign-up keeps the way back too
        String email = Fixtures.unique("back") + "@example.com";
        store.signUpThroughThePages("Back Again", email);
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("client/invoices.html"));
        store.signOut();
        store.open("client/invoices.html");
        browser.waitVisible(By.id("signin-form"));
        store.fill("email", email);
        store.fill("password", PASSWORD);
        browser.driver().findElement(By.id("signin-submit")).click();
        browser.waitUntil(d -> d.getCurrentUrl().endsWith("client/invoices.html"));
    }

    /** A customer signed up through the pages, with an order an operator placed for them (no email needed). */
    @Test
    void everyClientAreaPageFitsAPhoneAndPassesAxe() {
        publicAddressIsThisDeployment();
        long serverId = registerServer(api, SIMULATORS.start(), 10);
        onlyActive(api, serverId);
        store.open("store/signup.html");
        store.signUpThroughThePages("Ada Lovelace", Fixtures.unique("ada") + "@example.com");
        long customer = store.signedInCustomerId();
        long plan = createPlan("Client area plan " + Fixtures.unique(""), "7.00");
        Api.Reply order = api.post("/api/v1/orders", Json.createObjectBuilder().add("customer_id", customer)
                .add("plan_id", plan).add("username", username()).build());
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        long invoice = firstInvoiceOf(customer);

        for (String page : List.of("index", "invoices", "payments", "profile")) {
            store.checkAtBothWidths("client-" + page, "client/" + page + ".html");
        }
        store.checkAtBothWidths("client-invoice", "client/invoice.html?id=" + invoice);
        assertThat(browser.driver().findElement(By.cssSelector("[data-test='invoice-status']")).getAttribute("data-status"))
                .isEqualTo("unpaid");
    }

    /**
     * The whole way: catalog → sign up (a name that looks like markup) → the verification email →
     * checkout by card → the payment page (dev's fake Stripe) → the invoice paid → the service active.
     */
    @Test
    void aVisitorBuysAPlanByCardAndFindsTheServiceActive() {
        publicAddressIsThisDeployment();
        fakeStripeSendsItsWebhooksHere();
        NextPanelSimulator panel = SIMULATORS.start();
        onlyActive(api, registerServer(api, panel, 10));
        long plan = createPlan("Card plan " + Fixtures.unique(""), "9.99");
        String markup = "<img src=x onerror=alert(1)>";
        String email = Fixtures.unique("buyer") + "@example.com";
        String username = username();

        store.open("store/index.html");
        browser.waitVisible(By.cssSelector("[data-test='plan'][data-plan-id='" + plan + "'] [data-test='order']")).click();
        browser.waitVisible(By.id("checkout-signup")).click();
        store.signUpThroughThePages(markup, email);
        browser.waitUntil(d -> d.getCurrentUrl().contains("store/checkout.html?plan=" + plan));
        browser.waitVisible(By.cssSelector("[data-test='need-verification']"));

        store.open("store/verify.html?token=" + verificationToken(email));
        assertThat(browser.waitForText(By.cssSelector("[data-test='verify-result']"), "confirmed")).contains("Thank you");
        browser.waitVisible(By.id("continue-order")).click();
        store.fill("username", username);
        browser.driver().findElement(By.id("gateway-card")).click();
        browser.driver().findElement(By.id("place-order")).click();
        browser.waitUntil(d -> !d.getCurrentUrl().startsWith(deployment + "store/")); // on the payment page
        assertThat(panel.requests("POST", "/api/v1/billing/accounts")).as("nothing on the panel before paying").isZero();

        store.payOnTheFakeStripePage("4242424242424242");
        browser.waitUntil(d -> d.getCurrentUrl().contains("client/invoice.html?id="));
        store.waitForStatus("invoice-status", "paid");

        store.open("client/index.html");
        store.waitForServiceStatus(username, "active");
        WebElement panelLink = browser.waitVisible(
                By.cssSelector("tr[data-username='" + username + "'] [data-test='panel-link']"));
        assertThat(panelLink.getAttribute("href")).startsWith(panel.baseUrl());
        // the account is on the panel, and the password the welcome email gave signs in there
        assertThat(panel.accounts()).singleElement().satisfies(a -> {
            assertThat(a.username()).isEqualTo(username);
            assertThat(a.email()).isEqualTo(email);
            assertThat(a.fullName()).isEqualTo(markup); // kept as given, on the panel too
            assertThat(a.status()).isEqualTo("active");
        });
        assertThat(panel.requests("POST", "/api/v1/billing/accounts")).isEqualTo(1);
        SimAccount onPanel = panel.accounts().get(0);
        Matcher password = Pattern.compile("Password:\\s+(\\S+)")
                .matcher(Mailbox.bodyOf(MAIL.awaitMails(email, "welcome", 1).get(0)));
        assertThat(password.find()).isTrue();
        assertThat(panel.passwordMatches(onPanel.id(), password.group(1))).isTrue();
        assertThat(browser.driver().findElement(By.cssSelector("[data-test='customer-name']")).getText()).isEqualTo(markup);
        assertThat(browser.driver().findElements(By.cssSelector("img"))).isEmpty();
        assertThatNoAlert();
        store.checkAtBothWidths("client-services-active", "client/index.html");
    }

    // --- helpers -------------------------------------------------------------------------------

    private long createPlan(String name, String price) {
        Api.Reply reply = api.post("/api/v1/plans", Json.createObjectBuilder().add("name", name)
                .add("price", new java.math.BigDecimal(price)).add("currency", "USD").add("billing_cycle", "monthly")
                .add("package_id", 1).build());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json().getJsonNumber("id").longValue();
    }

    private long firstInvoiceOf(long customer) {
        return api.get("/api/v1/invoices?customer_id=" + customer).json().getJsonArray("items").getJsonObject(0)
                .getJsonNumber("id").longValue();
    }

    /** Emailed links and the payment page's way back lead to this deployment. */
    private void publicAddressIsThisDeployment() {
        Api.Reply publicUrl = api.post("/api/v1/test-support/public-url",
                Json.createObjectBuilder().add("url", deployment.toString()).build());
        assertThat(publicUrl.status()).as(publicUrl.toString()).isBetween(200, 299);
    }

    /** The fake Stripe (started with the test run) delivers each payment's webhook to this deployment. */
    private void fakeStripeSendsItsWebhooksHere() {
        TestEnvironment.stripe().deliverTo(deployment + "api/v1/payments/stripe/webhook",
                TestEnvironment.STRIPE_WEBHOOK_SECRET);
    }

    private static String verificationToken(String email) {
        return Mailbox.tokenOf(Mailbox.linkIn(MAIL.awaitMails(email, "email_verification", 1).get(0)));
    }

    private void assertThatNoAlert() {
        try {
            browser.driver().switchTo().alert();
            throw new AssertionError("a script ran: an alert is open");
        } catch (NoAlertPresentException expected) {
            // the markup stayed text
        }
    }
}
