package com.nextpanel.billing.it.console;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Browser tests run where Debian's Chromium is installed. Elsewhere they are skipped, so that
 * {@code mvn verify} passes with only JDK 17 and Maven, and the run ends with one line that says
 * so and how to enable them. In CI ({@code CI=true}) they are never skipped: a missing browser
 * fails them.
 *
 * <p>As a condition ({@code @ExtendWith(BrowserTests.class)} on a test class) it skips the whole
 * class before Arquillian starts Payara for it; as a launcher listener (registered in
 * META-INF/services) it counts the tests it skipped and prints the closing line.
 */
public final class BrowserTests implements ExecutionCondition, TestExecutionListener {

    private static final String SKIPPED = "no browser: Debian's Chromium is not installed";

    private final AtomicLong skipped = new AtomicLong();
    private TestPlan plan;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Browser.installed() || "true".equals(System.getenv("CI"))) {
            return ConditionEvaluationResult.enabled("a browser is installed, or CI requires one");
        }
        return ConditionEvaluationResult.disabled(SKIPPED);
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier skippedOne, String reason) {
        if (SKIPPED.equals(reason)) {
            skipped.addAndGet(plan.getDescendants(skippedOne).stream().filter(TestIdentifier::isTest).count());
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (skipped.get() > 0) {
            System.out.printf("Skipped %d browser tests (%s). To run them: %s, then mvn verify%n",
                    skipped.get(), SKIPPED, Browser.INSTALL);
        }
    }

}
