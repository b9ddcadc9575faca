package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.audit.control.AuditLog;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.hosting.control.AccountActions;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** A customer leaves: now (the account is terminated at once) or at the end of the paid period. */
@ApplicationScoped
public class ServiceCancellation {

    /** When a cancellation takes effect. */
    public enum When { IMMEDIATE, END_OF_PERIOD }

    @Inject
    Services services;

    @Inject
    AccountActions actions;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    PeriodEnd periodEnd;

    /** Immediate: the answer of the termination run within the request (see AccountActions). */
    public AccountActions.Acted cancelNow(long serviceId) {
        Service service = liveService(serviceId);
        audit.success("service.cancel", "service", serviceId, "immediate");
        return actions.terminate(service.accountId());
    }

    public Service cancelAtPeriodEnd(long serviceId) {
        liveService(serviceId);
        Service service = periodEnd.mark(serviceId);
        audit.success("service.cancel", "service", serviceId, "at the end of the period, on " + service.cancelAt());
        return service;
    }

    private Service liveService(long serviceId) {
        Service service = services.get(serviceId);
        if (!service.isLive()) {
            throw Refusal.conflict("Service " + serviceId + " is " + service.status().name().toLowerCase()
                    + ": there is nothing to cancel");
        }
        return service;
    }

    /** The short transaction that marks a service for termination at its due date. */
    @ApplicationScoped
    @Transactional
    public static class PeriodEnd {

        @Inject
        Services services;

        @Inject
        Clock clock;

        public Service mark(long serviceId) {
            Service service = services.lock(serviceId);
            service.cancelAtPeriodEnd(clock.instant());
            return service;
        }
    }
}
