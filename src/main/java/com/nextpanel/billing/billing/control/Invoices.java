package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Money;
import com.nextpanel.billing.billing.entity.Payment;
import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.platform.OptionalFilters;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The invoices and their payments. */
@ApplicationScoped
@Transactional
public class Invoices {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Bills one period of a service, starting at {@code periodStart}, due on {@code dueDate}. */
    public Invoice issue(Service service, long orderId, Plan plan, LocalDate periodStart, LocalDate dueDate) {
        Number next = (Number) em.createNativeQuery("SELECT nextval('invoice_number_seq')").getSingleResult();
        Invoice invoice = new Invoice(String.format("INV-%06d", next.longValue()), service, orderId, plan, periodStart,
                dueDate, "Hosting plan " + plan.name(), clock.instant());
        em.persist(invoice);
        em.flush();
        return invoice;
    }

    public Invoice get(long id) {
        Invoice invoice = em.find(Invoice.class, id);
        if (invoice == null) {
            throw Refusal.notFound("Invoice", id);
        }
        return invoice;
    }

    /** A customer's own invoice: another customer's, like a missing one, is not found (404). */
    public Invoice ofCustomer(long customerId, long id) {
        Invoice invoice = em.find(Invoice.class, id);
        if (invoice == null || invoice.customerId() != customerId) {
            throw Refusal.notFound("Invoice", id);
        }
        return invoice;
    }

    public Invoice lock(long id) {
        Invoice invoice = em.find(Invoice.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (invoice == null) {
            throw Refusal.notFound("Invoice", id);
        }
        return invoice;
    }

    /** The invoice, row-locked until the transaction ends; empty (not a 404) when there is none. */
    public Optional<Invoice> findLocked(long id) {
        return Optional.ofNullable(em.find(Invoice.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Invoice> forPeriod(long serviceId, LocalDate periodStart) {
        return em.createQuery("SELECT i FROM Invoice i WHERE i.serviceId = :service AND i.periodStart = :start",
                        Invoice.class)
                .setParameter("service", serviceId).setParameter("start", periodStart)
                .getResultStream().findFirst();
    }

    /** The order's first invoice. */
    public Invoice firstOf(long orderId) {
        return em.createQuery("SELECT i FROM Invoice i WHERE i.orderId = :order ORDER BY i.id", Invoice.class)
                .setParameter("order", orderId).setMaxResults(1)
                .getResultStream().findFirst()
                .orElseThrow(() -> Refusal.notFound("Invoice of order", orderId));
    }

    public boolean hasOverdue(long serviceId) {
        return !em.createQuery("SELECT i.id FROM Invoice i WHERE i.serviceId = :service AND i.status = :overdue",
                        Long.class)
                .setParameter("service", serviceId).setParameter("overdue", Invoice.Status.OVERDUE)
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** Unpaid invoices past their due date become overdue; answers how many did. */
    public int markOverdue(LocalDate today) {
        return em.createNativeQuery("UPDATE invoice SET status = 'overdue' WHERE status = 'unpaid' AND due_date < ?1")
                .setParameter(1, today).executeUpdate();
    }

    public Optional<Payment> payment(String externalReference) {
        return em.createQuery("SELECT p FROM Payment p WHERE p.externalReference = :ref", Payment.class)
                .setParameter("ref", externalReference).getResultStream().findFirst();
    }

    public List<Payment> payments(long invoiceId) {
        return em.createQuery("SELECT p FROM Payment p WHERE p.invoiceId = :invoice ORDER BY p.id", Payment.class)
                .setParameter("invoice", invoiceId).getResultList();
    }

    public Payment add(Payment payment) {
        em.persist(payment);
        em.flush();
        return payment;
    }

    public Money paidSoFar(Invoice invoice) {
        return payments(invoice.id()).stream().map(Payment::amount)
                .reduce(new Money(java.math.BigDecimal.ZERO, invoice.total().currency()), Money::plus);
    }

    /** Filters of the invoice list; null means any. */
    public record Filter(Long customerId, Long serviceId, Invoice.Status status) {
    }

    public Page<Invoice> search(Filter filter, Page.Request request) {
        return where(filter).page(em, "Invoice i", Invoice.class, request, "i.id");
    }

    private static OptionalFilters where(Filter filter) {
        return new OptionalFilters()
                .and("i.customerId = :customer", "customer", filter.customerId())
                .and("i.serviceId = :service", "service", filter.serviceId())
                .and("i.status = :status", "status", filter.status());
    }
}
