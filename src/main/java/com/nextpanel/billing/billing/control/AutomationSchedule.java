package com.nextpanel.billing.billing.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the billing automation on the calendar set in config (billing.automation.minute/hour;
 * hourly at :05 by default). A calendar timer built at startup, because @Schedule cannot read
 * config. Every node's timer fires; the run's lease lets one of them act.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class AutomationSchedule {

    private static final Logger LOG = Logger.getLogger(AutomationSchedule.class.getName());

    @Resource
    TimerService timers;

    @Inject
    BillingAutomation automation;

    @Inject
    BillingConfig config;

    @PostConstruct
    void start() {
        if (!config.automationEnabled()) {
            LOG.info("Billing automation schedule is off (billing.automation.enabled=false)");
            return;
        }
        var schedule = new ScheduleExpression().minute(config.automationMinute()).hour(config.automationHour());
        timers.createCalendarTimer(schedule, new TimerConfig("billing-automation", false));
    }

    @Timeout
    void fire() {
        try {
            automation.run("schedule");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Scheduled billing automation did not run: " + e.getMessage(), e);
        }
    }
}
