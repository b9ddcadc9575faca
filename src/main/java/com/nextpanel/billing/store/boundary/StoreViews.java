package com.nextpanel.billing.store.boundary;

import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Payment;
import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.store.control.ClientArea;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * How the store shows plans, services, invoices and payments to customers: only what a customer
 * needs (no package ids, servers or account ids). Amounts are decimal strings, as in the operator API.
 */
final class StoreViews {

    private StoreViews() {
    }

    /** A list, as {"items": [...]}, so that the answer can grow members without breaking clients. */
    public record Items<T>(List<T> items) {
    }

    public record PlanItem(long id, String name, String price, String currency, String billingCycle, String location) {
        static PlanItem of(Plan p) {
            return new PlanItem(p.id(), p.name(), p.price().amount().toPlainString(), p.price().currency(),
                    label(p.billingCycle()), p.preferredLocation());
        }
    }

    public record ServiceItem(long id, String planName, String username, String status, LocalDate nextDueDate,
            String panelUrl, LocalDate cancelAt, Instant createdAt) {
        static ServiceItem of(ClientArea.MyService my) {
            var s = my.service();
            return new ServiceItem(s.id(), my.planName(), my.username(), label(s.status()), s.nextDueDate(),
                    my.panelUrl(), s.cancelAt(), s.createdAt());
        }
    }

    public record LineItem(String description, String amount) {
    }

    public record InvoicePayment(String amount, String currency, String method, Instant receivedAt) {
    }

    public record InvoiceItem(long id, String number, String status, String total, String currency, LocalDate dueDate,
            Instant issuedAt, Instant paidAt, LocalDate periodStart, LocalDate periodEnd, List<LineItem> lines,
            List<InvoicePayment> payments, String gateway, String bankTransferInstructions, boolean cardPayments) {

        /** For lists: without lines and payments. */
        static InvoiceItem summary(Invoice i) {
            return of(i, null, null, null, false);
        }

        static InvoiceItem of(Invoice i, List<Payment> payments, String gateway, String bankTransferInstructions,
                boolean cardPayments) {
            return new InvoiceItem(i.id(), i.number(), label(i.status()), i.total().amount().toPlainString(),
                    i.total().currency(), i.dueDate(), i.issuedAt(), i.paidAt(), i.periodStart(), i.periodEnd(),
                    payments == null ? null
                            : i.lines().stream().map(l -> new LineItem(l.description(), l.amount().toPlainString()))
                                    .toList(),
                    payments == null ? null : payments.stream().map(p -> new InvoicePayment(
                            p.amount().amount().toPlainString(), p.amount().currency(), p.method(), p.receivedAt()))
                            .toList(),
                    gateway, bankTransferInstructions, cardPayments);
        }
    }

    public record PaymentItem(long id, long invoiceId, String invoiceNumber, String amount, String currency,
            String method, Instant receivedAt) {
        static PaymentItem of(ClientArea.MyPayment my) {
            Payment p = my.payment();
            return new PaymentItem(p.id(), p.invoiceId(), my.invoiceNumber(), p.amount().amount().toPlainString(),
                    p.amount().currency(), p.method(), p.receivedAt());
        }
    }

    public record Placed(long orderId, long serviceId, long invoiceId) {
    }

    static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
