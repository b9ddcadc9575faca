package com.nextpanel.billing.fleet.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
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
 * Fires the health probe round every fleet.probe.interval-seconds. Every node's timer fires
 * (Payara Micro does not share timers); the claim in {@link ProbeResults} keeps the work single.
 * A programmatic timer because @Schedule cannot read its interval from config.
 */
@Startup
@Singleton
@DependsOn("DatabaseMigration")
@TransactionManagement(TransactionManagementType.BEAN) // no panel call inside a transaction
public class ProbeSchedule {

    private static final Logger LOG = Logger.getLogger(ProbeSchedule.class.getName());

    @Resource
    TimerService timers;

    @Inject
    HealthProber prober;

    @Inject
    FleetConfig config;

    @PostConstruct
    void start() {
        long interval = config.probeInterval().toMillis();
        timers.createIntervalTimer(interval, interval, new TimerConfig("health-probes", false));
    }

    @Timeout
    void round() {
        try {
            prober.probeDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Health probe round failed; the next round will try again", e);
        }
    }
}
