package com.nextpanel.billing.store.control;

import com.nextpanel.billing.billing.control.Invoices;
import com.nextpanel.billing.billing.entity.HostingOrder;
import com.nextpanel.billing.billing.entity.Invoice;
import com.nextpanel.billing.billing.entity.Payment;
import com.nextpanel.billing.billing.entity.Plan;
import com.nextpanel.billing.billing.entity.Service;
import com.nextpanel.billing.fleet.control.Fleet;
import com.nextpanel.billing.fleet.entity.PanelServer;
import com.nextpanel.billing.hosting.entity.HostingAccount;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * What a signed-in customer may read: their own services, invoices and payments. Every lookup is
 * by customer and id together, so another customer's id is simply not found (404), never refused
 * in a way that tells it exists.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ClientArea {

    /** The most a customer's list shows; a customer with more is an operator's case. */
    private static final int LIST_LIMIT = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    Fleet fleet;

    @Inject
    Invoices invoices;

    /** A service with what the client area shows beside it. {@code panelUrl} is null until the account is placed. */
    public record MyService(Service service, String planName, String username, String panelUrl) {
    }

    /** An invoice with its payments and the order's chosen way to pay. */
    public record MyInvoice(Invoice invoice, List<Payment> payments, String gateway) {
    }

    /** A payment with its invoice's number. */
    public record MyPayment(Payment payment, String invoiceNumber) {
    }

    public List<MyService> services(long customerId) {
        return em.createQuery("SELECT s, p.name, o.username FROM Service s, Plan p, HostingOrder o "
                        + "WHERE p.id = s.planId AND o.id = s.orderId AND s.customerId = :customer ORDER BY s.id DESC",
                        Object[].class)
                .setParameter("customer", customerId).setMaxResults(LIST_LIMIT).getResultList().stream()
                .map(row -> new MyService((Service) row[0], (String) row[1], (String) row[2], panelUrl((Service) row[0])))
                .toList();
    }

    public MyService service(long customerId, long serviceId) {
        Service service = own(em.find(Service.class, serviceId), customerId, serviceId);
        Plan plan = em.find(Plan.class, service.planId());
        HostingOrder order = em.find(HostingOrder.class, service.orderId());
        return new MyService(service, plan.name(), order.username(), panelUrl(service));
    }

    public List<Invoice> invoices(long customerId) {
        return em.createQuery("SELECT i FROM Invoice i WHERE i.customerId = :customer ORDER BY i.id DESC", Invoice.class)
                .setParameter("customer", customerId).setMaxResults(LIST_LIMIT).getResultList();
    }

    public MyInvoice invoice(long customerId, long invoiceId) {
        Invoice invoice = invoices.ofCustomer(customerId, invoiceId);
        List<Payment> payments = em.createQuery("SELECT p FROM Payment p WHERE p.invoiceId = :invoice ORDER BY p.id",
                Payment.class).setParameter("invoice", invoiceId).getResultList();
        HostingOrder order = invoice.orderId() == null ? null : em.find(HostingOrder.class, invoice.orderId());
        return new MyInvoice(invoice, payments, order == null ? null : order.gateway());
    }

    public List<MyPayment> payments(long customerId) {
        return em.createQuery("SELECT p, i.number FROM Payment p, Invoice i "
                        + "WHERE i.id = p.invoiceId AND i.customerId = :customer ORDER BY p.id DESC", Object[].class)
                .setParameter("customer", customerId).setMaxResults(LIST_LIMIT).getResultList().stream()
                .map(row -> new MyPayment((Payment) row[0], (String) row[1])).toList();
    }

    private String panelUrl(Service service) {
        if (service.accountId() == null) {
            return null;
        }
        HostingAccount account = em.find(HostingAccount.class, service.accountId());
        return account == null || account.serverId() == null ? null
                : fleet.find(account.serverId()).map(PanelServer::customerPanelUrl).orElse(null);
    }

    private static Service own(Service service, long customerId, long id) {
        if (service == null || service.customerId() != customerId) {
            throw Refusal.notFound("Service", id);
        }
        return service;
    }
}
