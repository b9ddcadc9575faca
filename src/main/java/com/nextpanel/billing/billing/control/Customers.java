package com.nextpanel.billing.billing.control;

import com.nextpanel.billing.billing.entity.Customer;
import com.nextpanel.billing.platform.OptionalFilters;
import com.nextpanel.billing.platform.Page;
import com.nextpanel.billing.platform.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/** The customers. */
@ApplicationScoped
@Transactional
public class Customers {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    public Customer add(String email, String fullName, String phone, String company) {
        boolean taken = !em.createQuery("SELECT c.id FROM Customer c WHERE LOWER(c.email) = LOWER(:email)", Long.class)
                .setParameter("email", email).getResultList().isEmpty();
        if (taken) {
            throw Refusal.conflict("A customer with email " + email + " already exists");
        }
        Customer customer = new Customer(email, fullName, phone, company, clock.instant());
        em.persist(customer);
        em.flush();
        return customer;
    }

    /** The customer with this email, in any case. */
    public Optional<Customer> findByEmail(String email) {
        return em.createQuery("SELECT c FROM Customer c WHERE LOWER(c.email) = LOWER(:email)", Customer.class)
                .setParameter("email", email.trim()).getResultStream().findFirst();
    }

    public Customer get(long id) {
        Customer customer = em.find(Customer.class, id);
        if (customer == null) {
            throw Refusal.notFound("Customer", id);
        }
        return customer;
    }

    public Page<Customer> list(String email, Page.Request request) {
        return byEmail(email).page(em, "Customer c", Customer.class, request, "c.id");
    }

    /** Customers whose email starts with {@code email}, in any case. */
    private static OptionalFilters byEmail(String email) {
        return new OptionalFilters().and("LOWER(c.email) LIKE :pattern", "pattern",
                email == null || email.isBlank() ? null : OptionalFilters.startingWith(email.trim().toLowerCase(Locale.ROOT)));
    }
}
