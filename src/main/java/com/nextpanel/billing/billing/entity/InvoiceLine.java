package com.nextpanel.billing.billing.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** One line of an invoice, in the invoice's currency (kept in table invoice_line). */
@Embeddable
public class InvoiceLine {

    @Column(nullable = false)
    private int position;

    @Column(nullable = false)
    private String description;

    @Column(nullable = false)
    private BigDecimal amount;

    protected InvoiceLine() {
    }

    InvoiceLine(int position, String description, BigDecimal amount) {
        this.position = position;
        this.description = description;
        this.amount = amount;
    }

    public int position() {
        return position;
    }

    public String description() {
        return description;
    }

    public BigDecimal amount() {
        return amount;
    }
}
