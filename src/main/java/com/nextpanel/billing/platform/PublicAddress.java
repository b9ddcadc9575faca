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
        String url = url();
        return (url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + path;
    }

    /** The public address's origin (scheme://host[:port], as a browser's Origin header names it). */
    public String origin() {
        return originOf(url());
    }

    /** The configured address. */
    protected String url() {
        return publicUrl;
    }

    /**
     * The origin of {@code url}: scheme://host[:port] in lower case, without the scheme's default
     * port, so that two spellings of one origin compare equal; "" when it names none.
     */
    public static String originOf(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "";
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
                    || (scheme.equals("http") && port == 80);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
