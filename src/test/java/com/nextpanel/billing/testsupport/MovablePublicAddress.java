package com.nextpanel.billing.testsupport;

import com.nextpanel.billing.platform.PublicAddress;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test deployments only: the public address is the deployment's own URL, which is known only once
 * Payara has bound its port, so a test sets it through {@link TestSupportResource}. Emails' links
 * and the payment page's way back then lead to the application under test.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class MovablePublicAddress extends PublicAddress {

    private static final AtomicReference<String> URL = new AtomicReference<>();

    static void set(String url) {
        URL.set(url);
    }

    @Override
    protected String url() {
        String set = URL.get();
        return set != null ? set : super.url();
    }
}
