package com.nextpanel.billing.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Locale;
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

    /** The public address's origin (scheme://host[:port], as a browser's Origin header names it). */
    public String origin() {
        URI uri = URI.create(publicUrl.trim());
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80);
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (defaultPort ? "" : ":" + port);
    }
}
