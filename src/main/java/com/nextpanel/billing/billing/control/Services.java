package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.billing.entity.HostingOrder;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.platform.OptionalFilters;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Orders and the services they bought, and the queries the automation run asks. */
@ApplicationScoped
@Transactional
public class Services {

    @PersistenceContext
    EntityManager em;

    public <T> T add(T orderOrService) {
        em.persist(orderOrService);
        em.flush();
        return orderOrService;
    }

    public HostingOrder order(long id) {
        HostingOrder order = em.find(HostingOrder.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (order == null) {
            throw Refusal.notFound("Order", id);
        }
        return order;
    }

    public Service get(long id) {
        Service service = em.find(Service.class, id);
        if (service == null) {
            throw Refusal.notFound("Service", id);
        }
        return service;
    }

    public Service lock(long id) {
        Service service = em.find(Service.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (service == null) {
            throw Refusal.notFound("Service", id);
        }
        return service;
    }

    public Optional<Service> ofOrder(long orderId) {
        return em.createQuery("SELECT s FROM Service s WHERE s.orderId = :order", Service.class)
                .setParameter("order", orderId).getResultStream().findFirst();
    }

    /** The service of an account, row-locked until the transaction ends. */
    public Optional<Service> lockOfAccount(long accountId) {
        return em.createQuery("SELECT s FROM Service s WHERE s.accountId = :account", Service.class)
                .setParameter("account", accountId).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    /** A username an unprovisioned order still waits for. */
    public boolean usernameAwaited(String username) {
        return !em.createQuery("SELECT o.id FROM HostingOrder o WHERE o.username = :username AND o.status IN :waiting",
                        Long.class)
                .setParameter("username", username)
                .setParameter("waiting", List.of(HostingOrder.Status.PENDING, HostingOrder.Status.PAID))
                .setMaxResults(1).getResultList().isEmpty();
    }

    // --- what the automation run acts on: the accounts of services due for a panel action ---

    /** Accounts of active services with an invoice overdue since {@code overdueSince} or earlier. */
    public List<Long> accountsDueForSuspension(LocalDate overdueSince) {
        return accountIds("SELECT s.account_id FROM service s JOIN hosting_account a ON a.id = s.account_id"
                + " WHERE s.status = 'active' AND a.status = 'active' AND EXISTS (SELECT 1 FROM invoice i"
                + " WHERE i.service_id = s.id AND i.status = 'overdue' AND i.due_date <= ?1)", overdueSince);
    }

    /** Accounts suspended for non-payment (the cause, not the text) whose service has nothing overdue any more. */
    public List<Long> accountsDueForUnsuspension() {
        return accountIds("SELECT s.account_id FROM service s JOIN hosting_account a ON a.id = s.account_id"
                + " WHERE s.status = 'suspended' AND a.status = 'suspended' AND a.suspension_cause = 'non_payment'"
                + " AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.service_id = s.id AND i.status = 'overdue')");
    }

    /**
     * Accounts of live services overdue since {@code overdueSince} (null: never for non-payment),
     * or cancelled for a date {@code today} has reached. A UNION of the two, each found by its
     * index: with an OR between them, every live service was read.
     */
    public List<Long> accountsDueForTermination(LocalDate overdueSince, LocalDate today) {
        return accountIds("SELECT s.account_id FROM service s JOIN hosting_account a ON a.id = s.account_id"
                + " WHERE s.status IN ('active', 'suspended') AND a.status IN ('active', 'suspended') AND s.id IN ("
                + "   SELECT i.service_id FROM invoice i WHERE i.status = 'overdue' AND i.due_date <= CAST(?1 AS date)"
                + "   UNION SELECT c.id FROM service c WHERE c.cancel_at <= ?2)", overdueSince, today);
    }

    /**
     * The accounts {@code select} finds, locked until the transaction ends: one whose job is settling
     * is waited for and looked at again, so that the caller queues its job on what is true now.
     */
    private List<Long> accountIds(String select, Object... params) {
        var query = em.createNativeQuery(select + " ORDER BY 1 FOR UPDATE OF a");
        for (int i = 0; i < params.length; i++) {
            query.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = query.getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Live services whose next period should be billed by now and is not yet. */
    public List<Long> dueForRenewal(LocalDate billUntil) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT s.id FROM service s WHERE s.status IN ('active', 'suspended')"
                        + " AND s.next_due_date <= ?1 AND (s.cancel_at IS NULL OR s.cancel_at > s.next_due_date)"
                        + " AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.service_id = s.id"
                        + " AND i.period_start = s.next_due_date) ORDER BY s.id")
                .setParameter(1, billUntil).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Filters of the service list; null means any. */
    public record Filter(Long customerId, Service.Status status) {
    }

    public Page<Service> search(Filter filter, Page.Request request) {
        return where(filter).page(em, "Service s", Service.class, request, "s.id");
    }

    /** An order with its service and its first invoice, as the order list shows it. */
    public record OrderInFull(HostingOrder order, Service service, Invoice firstInvoice) {
    }

    /** A page of orders, their services and first invoices read with one query each (not two per order). */
    public Page<OrderInFull> orders(Long customerId, Page.Request request) {
        Page<HostingOrder> orders = ordersOf(customerId).page(em, "HostingOrder o", HostingOrder.class, request, "o.id");
        List<Long> ids = orders.items().stream().map(HostingOrder::id).toList();
        Map<Long, Service> services = new HashMap<>();
        Map<Long, Invoice> invoices = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("SELECT s FROM Service s WHERE s.orderId IN :orders", Service.class)
                    .setParameter("orders", ids).getResultStream().forEach(s -> services.put(s.orderId(), s));
            em.createQuery("SELECT i FROM Invoice i WHERE i.orderId IN :orders"
                            + " AND i.id = (SELECT MIN(f.id) FROM Invoice f WHERE f.orderId = i.orderId)", Invoice.class)
                    .setParameter("orders", ids).getResultStream().forEach(i -> invoices.put(i.orderId(), i));
        }
        return orders.map(o -> new OrderInFull(o, services.get(o.id()), invoices.get(o.id())));
    }

    private static OptionalFilters ordersOf(Long customerId) {
        return new OptionalFilters().and("o.customerId = :customer", "customer", customerId);
    }

    private static OptionalFilters where(Filter filter) {
        return new OptionalFilters()
                .and("s.customerId = :customer", "customer", filter.customerId())
                .and("s.status = :status", "status", filter.status());
    }
}
