package com.nextpanel.billing.billing.boundary;

import com.nextpanel.billing.billing.entity.AutomationRun;
import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.billing.entity.HostingOrder;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Payment;
import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.billing.entity.Service;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** How billing records look in the API (amounts as decimal strings: JSON numbers are floats to many clients). */
public final class BillingViews {

    private BillingViews() {
    }

    public record CustomerView(long id, String email, String fullName, String phone, String company, Instant createdAt) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.id(), c.email(), c.fullName(), c.phone(), c.company(), c.createdAt());
        }
    }

    public record PlanView(long id, String name, String price, String currency, String billingCycle, long packageId,
            String preferredLocation, String preferredTag, boolean isActive, Instant createdAt) {
        static PlanView of(Plan p) {
            return new PlanView(p.id(), p.name(), decimal(p.price().amount()), p.price().currency(),
                    label(p.billingCycle()), p.packageId(), p.preferredLocation(), p.preferredTag(), p.active(),
                    p.createdAt());
        }
    }

    public record OrderView(long id, long customerId, long planId, String username, String status, Long serviceId,
            Long accountId, Long invoiceId, String invoiceNumber, String invoiceStatus, Instant createdAt,
            Instant paidAt) {
        static OrderView of(HostingOrder o, Service s, Invoice first) {
            return new OrderView(o.id(), o.customerId(), o.planId(), o.username(), label(o.status()),
                    s == null ? null : s.id(), s == null ? null : s.accountId(), first == null ? null : first.id(),
                    first == null ? null : first.number(), first == null ? null : label(first.status()),
                    o.createdAt(), o.paidAt());
        }
    }

    public record ServiceView(long id, long customerId, long planId, long orderId, Long accountId, String status,
            LocalDate nextDueDate, boolean suspendedForNonpayment, LocalDate cancelAt, Instant createdAt,
            Instant terminatedAt) {
        static ServiceView of(Service s) {
            return new ServiceView(s.id(), s.customerId(), s.planId(), s.orderId(), s.accountId(), label(s.status()),
                    s.nextDueDate(), s.suspendedForNonpayment(), s.cancelAt(), s.createdAt(), s.terminatedAt());
        }
    }

    public record LineView(int position, String description, String amount) {
    }

    public record PaymentView(long id, long invoiceId, String amount, String currency, String method,
            String externalReference, Instant receivedAt) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.id(), p.invoiceId(), decimal(p.amount().amount()), p.amount().currency(),
                    p.method(), p.externalReference(), p.receivedAt());
        }
    }

    public record InvoiceView(long id, String number, long customerId, Long orderId, Long serviceId, LocalDate periodStart,
            LocalDate periodEnd, String total, String currency, LocalDate dueDate, String status, Instant issuedAt,
            Instant paidAt, List<LineView> lines, List<PaymentView> payments) {
        static InvoiceView of(Invoice i, List<Payment> payments) {
            return new InvoiceView(i.id(), i.number(), i.customerId(), i.orderId(), i.serviceId(), i.periodStart(),
                    i.periodEnd(), decimal(i.total().amount()), i.total().currency(), i.dueDate(), label(i.status()),
                    i.issuedAt(), i.paidAt(),
                    i.lines().stream().map(l -> new LineView(l.position(), l.description(), decimal(l.amount()))).toList(),
                    payments == null ? null : payments.stream().map(PaymentView::of).toList());
        }
    }

    public record RunView(long id, String trigger, String node, Instant startedAt, Instant finishedAt, LocalDate businessDate,
            int overdueMarked, int suspended, int unsuspended, int terminated, int invoicesCreated, int failures,
            String detail) {
        static RunView of(AutomationRun r) {
            return new RunView(r.id(), r.trigger(), r.node(), r.startedAt(), r.finishedAt(), r.businessDate(),
                    r.overdueMarked(), r.suspended(), r.unsuspended(), r.terminated(), r.invoicesCreated(),
                    r.failures(), r.detail());
        }
    }

    static String decimal(BigDecimal value) {
        return value.toPlainString();
    }

    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
