package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.billing.entity.HostingOrder;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.platform.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.List;
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
            throw Problem.notFound("Order", id);
        }
        return order;
    }

    public Service get(long id) {
        Service service = em.find(Service.class, id);
        if (service == null) {
            throw Problem.notFound("Service", id);
        }
        return service;
    }

    public Service lock(long id) {
        Service service = em.find(Service.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (service == null) {
            throw Problem.notFound("Service", id);
        }
        return service;
    }

    public Optional<Service> ofOrder(long orderId) {
        return em.createQuery("SELECT s FROM Service s WHERE s.orderId = :order", Service.class)
                .setParameter("order", orderId).getResultStream().findFirst();
    }

    public Optional<Service> ofAccount(long accountId) {
        return em.createQuery("SELECT s FROM Service s WHERE s.accountId = :account", Service.class)
                .setParameter("account", accountId).getResultStream().findFirst();
    }

    /** A username an unprovisioned order still waits for. */
    public boolean usernameAwaited(String username) {
        return !em.createQuery("SELECT o.id FROM HostingOrder o WHERE o.username = :username AND o.status IN :waiting",
                        Long.class)
                .setParameter("username", username)
                .setParameter("waiting", List.of(HostingOrder.Status.PENDING, HostingOrder.Status.PAID))
                .setMaxResults(1).getResultList().isEmpty();
    }

    // --- what the automation run acts on: SQL selecting account_id, for Jobs.enqueueEach -------

    /** Active services with an invoice overdue since ?1 (a date) or earlier. */
    static final String DUE_FOR_SUSPENSION = "SELECT s.account_id FROM service s"
            + " JOIN hosting_account a ON a.id = s.account_id"
            + " WHERE s.status = 'active' AND a.status = 'active' AND EXISTS (SELECT 1 FROM invoice i"
            + " WHERE i.service_id = s.id AND i.status = 'overdue' AND i.due_date <= ?1)";

    /** Services suspended for non-payment with nothing overdue any more. */
    static final String DUE_FOR_UNSUSPENSION = "SELECT s.account_id FROM service s"
            + " JOIN hosting_account a ON a.id = s.account_id"
            + " WHERE s.status = 'suspended' AND s.suspended_for_nonpayment AND a.status = 'suspended'"
            + " AND NOT EXISTS (SELECT 1 FROM invoice i WHERE i.service_id = s.id AND i.status = 'overdue')";

    /** Live services overdue since ?1 (a date; null: never for non-payment), or cancelled for a date ?2 has reached. */
    static final String DUE_FOR_TERMINATION = "SELECT s.account_id FROM service s"
            + " JOIN hosting_account a ON a.id = s.account_id"
            + " WHERE s.status IN ('active', 'suspended') AND a.status IN ('active', 'suspended') AND ("
            + "   EXISTS (SELECT 1 FROM invoice i WHERE i.service_id = s.id AND i.status = 'overdue'"
            + "     AND i.due_date <= CAST(?1 AS date))"
            + "   OR s.cancel_at <= ?2)";

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

    public List<Service> search(Filter filter, int offset, int limit) {
        return query(filter, Service.class, "SELECT s FROM Service s", " ORDER BY s.id DESC")
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long count(Filter filter) {
        return query(filter, Long.class, "SELECT COUNT(s) FROM Service s", "").getSingleResult();
    }

    public List<HostingOrder> orders(Long customerId, int offset, int limit) {
        return em.createQuery("SELECT o FROM HostingOrder o WHERE (:customer = -1 OR o.customerId = :customer)"
                        + " ORDER BY o.id DESC", HostingOrder.class)
                .setParameter("customer", customerId == null ? -1L : customerId)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    public long countOrders(Long customerId) {
        return em.createQuery("SELECT COUNT(o) FROM HostingOrder o WHERE (:customer = -1 OR o.customerId = :customer)",
                        Long.class)
                .setParameter("customer", customerId == null ? -1L : customerId).getSingleResult();
    }

    private <T> TypedQuery<T> query(Filter filter, Class<T> type, String select, String order) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (filter.customerId() != null) {
            where.append(" AND s.customerId = :customer");
        }
        if (filter.status() != null) {
            where.append(" AND s.status = :status");
        }
        TypedQuery<T> query = em.createQuery(select + where + order, type);
        if (filter.customerId() != null) {
            query.setParameter("customer", filter.customerId());
        }
        if (filter.status() != null) {
            query.setParameter("status", filter.status());
        }
        return query;
    }
}
