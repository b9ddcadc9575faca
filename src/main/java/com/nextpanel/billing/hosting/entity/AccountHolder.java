package com.nextpanel.billing.hosting.entity;

/** Who the account is for, as the panel is told (username, email, name, phone, company, package). */
public record AccountHolder(String username, String email, String fullName, String phone, String company,
        Long packageId) {
}
