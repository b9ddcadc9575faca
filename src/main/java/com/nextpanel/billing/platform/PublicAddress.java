package com.nextpanel.billing.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address customers reach this application at (BILLING_PUBLIC_URL), for the links in emails
 * and the pages a payment gateway sends the customer back to.
 */
@ApplicationScoped
public class PublicAddress {

    @Inject
    @ConfigProperty(name = "billing.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** {@code path} (starting with "/", query included) on the public address. */
    public String link(String path) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + path;
    }
}
