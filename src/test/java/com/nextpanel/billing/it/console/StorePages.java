package com.nextpanel.billing.it.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.nextpanel.billing.it.TestEnvironment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The store's and the client area's pages as a customer meets them, in a {@link Browser}: open a
 * page and wait until it has drawn, fill its forms, check it at a phone's width and a desktop's.
 */
public final class StorePages {

    /** width × height, named for the screenshots. */
    private static final Map<String, int[]> SIZES = Map.of("phone", new int[] {360, 740}, "desktop", new int[] {1280, 900});
    /** A page has drawn when no live region still says it is loading, and an invoice is shown or refused. */
    private static final String DRAWN = """
            const busy = [...document.querySelectorAll('[role=status]')]
                .some((e) => /^(Loading|Checking|Confirming)/.test(e.textContent.trim()));
            const invoice = document.getElementById('invoice');
            const invoiceDrawn = !invoice || !invoice.hidden || document.getElementById('invoice-error').textContent !== '';
            return document.readyState === 'complete' && !busy && invoiceDrawn;
            """;

    private final Browser browser;
    private final String base;

    public StorePages(Browser browser, String base) {
        this.browser = browser;
        this.base = base.endsWith("/") ? base : base + "/";
        // every store page asks who is signed in: a visitor's answer is 401, by design
        browser.expectRefusal(401, "/api/store/session");
        // the fake Stripe's checkout page (another host) has no favicon
        browser.expectRefusal(404, ":" + TestEnvironment.stripe().port() + "/favicon.ico");
    }

    /** Opens a page by its path in the WAR ("store/index.html") and waits until it has drawn. */
    public void open(String path) {
        if (path.contains("verify.html?token=not-a-real-token")) {
            browser.expectRefusal(400, "/api/store/email-verification"); // the made-up token, refused on purpose
        }
        browser.driver().get(base + path);
        waitUntilDrawn();
    }

    public void waitUntilDrawn() {
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.script(DRAWN)));
    }

    /**
     * The page at 360×740 and at 1280×900: no horizontal scroll, one h1, no serious or critical axe
     * violation and no landmark one; a screenshot of each in target/screenshots/store-NAME-SIZE.png.
     */
    public void checkAtBothWidths(String name, String path) {
        for (String size : List.of("phone", "desktop")) {
            browser.resize(SIZES.get(size)[0], SIZES.get(size)[1]);
            open(path);
            String where = name + " at " + size + " width";
            assertNoHorizontalScroll(where);
            assertThat(browser.driver().findElements(By.tagName("h1"))).as("h1 on " + where).hasSize(1);
            Axe.assertNone(browser.driver(), where, Axe.SERIOUS_OR_CRITICAL.or(Axe.LANDMARKS));
            browser.screenshot(Path.of("target", "screenshots", "store-" + name + "-" + size + ".png"));
        }
        browser.resize(1280, 900);
    }

    public void assertNoHorizontalScroll(String where) {
        Object overflow = browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).longValue()).as("horizontal overflow in px on " + where).isLessThanOrEqualTo(0);
    }

    /** Types into the visible field named `name`. */
    public void fill(String name, String value) {
        WebElement input = browser.waitVisible(By.cssSelector("main [name='" + name + "']"));
        input.clear();
        input.sendKeys(value);
    }

    /** The error shown beside a field. */
    public String fieldError(String name) {
        return browser.waitVisible(By.cssSelector("main [data-error-for='" + name + "']")).getText();
    }

    /** On the sign-up page (wherever it was reached from): fills it in and waits until it has sent us on. */
    public void signUpThroughThePages(String fullName, String email) {
        browser.waitVisible(By.id("signup-form"));
        fill("full_name", fullName);
        fill("email", email);
        fill("password", "correct horse battery staple");
        browser.driver().findElement(By.id("signup-submit")).click();
        browser.waitUntil(d -> !d.getCurrentUrl().contains("store/signup.html"));
        waitUntilDrawn();
    }

    /** The client area's "Sign out" in the header. */
    public void signOut() {
        browser.waitVisible(By.id("sign-out")).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("store/signin.html"));
    }

    /** The signed-in customer's id, as GET /api/store/session tells this browser. */
    public long signedInCustomerId() {
        Object id = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], { credentials: 'same-origin' }).then((r) => r.json())
                  .then((s) => done(s.customer.id)).catch((e) => done(String(e)));
                """, base + "api/store/session");
        return ((Number) id).longValue();
    }

    /**
     * On the fake Stripe's checkout page (src/dev/java/com/nextpanel/stripe/CheckoutPage): the field
     * labelled "Card number" (for= an input, or around it) and the button whose text starts with "Pay".
     */
    public void payOnTheFakeStripePage(String cardNumber) {
        browser.waitUntil(d -> !d.getCurrentUrl().startsWith(base + "store/"));
        WebElement label = browser.waitVisible(By.xpath("//label[contains(normalize-space(.), 'Card number')]"));
        String target = label.getAttribute("for");
        WebElement input = target == null || target.isEmpty()
                ? label.findElement(By.tagName("input")) : browser.driver().findElement(By.id(target));
        input.clear();
        input.sendKeys(cardNumber);
        browser.waitVisible(By.xpath("//button[normalize-space()='Pay' or starts-with(normalize-space(), 'Pay ')]"
                + " | //input[@type='submit' and starts-with(@value, 'Pay')]")).click();
    }

    /** Waits until the badge [data-test=test] says `status`; a page that gave up polling is reloaded. */
    public void waitForStatus(String test, String status) {
        browser.waitUntil(d -> {
            List<WebElement> badge = d.findElements(By.cssSelector("[data-test='" + test + "']"));
            if (!badge.isEmpty() && status.equals(badge.get(0).getAttribute("data-status"))) {
                return true;
            }
            if (d.findElements(By.xpath("//*[@data-test='invoice-message'][contains(., 'still being confirmed')]")).size() > 0) {
                d.navigate().refresh();
            }
            return false;
        });
    }

    /** Waits, reloading the services page, until the service of `username` has this status. */
    public void waitForServiceStatus(String username, String status) {
        By badge = By.cssSelector("tr[data-username='" + username + "'] [data-test='service-status']");
        browser.waitUntil(d -> {
            List<WebElement> found = d.findElements(badge);
            if (!found.isEmpty() && status.equals(found.get(0).getAttribute("data-status"))) {
                return true;
            }
            d.navigate().refresh(); // the account is created by the payment's job, a moment later
            waitUntilDrawn();
            return false;
        });
    }
}
