package com.nextpanel.billing.it.console;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.openqa.selenium.WebDriver;

/**
 * Accessibility checks with Deque's axe-core, injected into the page the browser shows now
 * (WebDriver's script injection is not bound by the page's Content-Security-Policy).
 */
public final class Axe {

    /** Impacts that fail a test: a user of a screen reader or a keyboard is blocked, or nearly. */
    public static final Set<String> BLOCKING = Set.of("serious", "critical");
    /** Every element inside a landmark, and the landmarks themselves well formed. */
    public static final Predicate<Rule> LANDMARKS = r -> r.getId().equals("region") || r.getId().startsWith("landmark-");
    public static final Predicate<Rule> SERIOUS_OR_CRITICAL = r -> BLOCKING.contains(r.getImpact());

    private Axe() {
    }

    /** All violations axe finds on the current page, whatever their impact. */
    public static List<Rule> violations(WebDriver driver) {
        Results results = new AxeBuilder().analyze(driver);
        if (results.isErrored()) {
            throw new AssertionError("axe could not check " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        return results.getViolations();
    }

    /** Fails, listing each one, when the page has a violation of serious or critical impact. */
    public static void assertNoSeriousViolations(WebDriver driver, String where) {
        assertNone(driver, where, SERIOUS_OR_CRITICAL);
    }

    /** Fails, listing each one, when the page has a violation that `which` selects. */
    public static void assertNone(WebDriver driver, String where, Predicate<Rule> which) {
        List<Rule> found = violations(driver).stream().filter(which).toList();
        if (!found.isEmpty()) {
            throw new AssertionError("Accessibility violations on " + where + " (" + driver.getCurrentUrl() + "):\n"
                    + describe(found));
        }
    }

    /** One paragraph per rule: id, impact, help, and the CSS target of each offending node. */
    public static String describe(List<Rule> rules) {
        return rules.stream().map(r -> "- " + r.getId() + " [" + r.getImpact() + "] " + r.getHelp() + "\n"
                + r.getNodes().stream().map(n -> "    at " + n.getTarget()
                        + (n.getFailureSummary() == null ? "" : ": " + n.getFailureSummary().replace('\n', ' ')))
                        .collect(Collectors.joining("\n")))
                .collect(Collectors.joining("\n"));
    }
}
