package com.nextpanel.billing.billing.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Billing rules and the automation schedule (BILLING_SUSPEND_AFTER_DAYS, …). The schedule is an
 * EJB calendar expression: minute and hour fields, e.g. minute "5", hour "*" = hourly at :05.
 */
@ApplicationScoped
public class BillingConfig {

    @Inject
    @ConfigProperty(name = "billing.suspend-after-days", defaultValue = "3")
    int suspendAfterDays;

    @Inject
    @ConfigProperty(name = "billing.terminate-after-days", defaultValue = "30")
    int terminateAfterDays;

    @Inject
    @ConfigProperty(name = "billing.invoice-days-before", defaultValue = "7")
    int invoiceDaysBefore;

    @Inject
    @ConfigProperty(name = "billing.automation.minute", defaultValue = "5")
    String automationMinute;

    @Inject
    @ConfigProperty(name = "billing.automation.hour", defaultValue = "*")
    String automationHour;

    @Inject
    @ConfigProperty(name = "billing.automation.enabled", defaultValue = "true")
    boolean automationEnabled;

    /** Days an invoice may be overdue before its service is suspended. */
    public int suspendAfterDays() {
        return Math.max(0, suspendAfterDays);
    }

    /** Days overdue before termination; 0 means never terminate for non-payment. */
    public int terminateAfterDays() {
        return Math.max(0, terminateAfterDays);
    }

    /** How many days before the due date a renewal invoice is issued. */
    public int invoiceDaysBefore() {
        return Math.max(0, invoiceDaysBefore);
    }

    public String automationMinute() {
        return automationMinute;
    }

    public String automationHour() {
        return automationHour;
    }

    public boolean automationEnabled() {
        return automationEnabled;
    }
}
