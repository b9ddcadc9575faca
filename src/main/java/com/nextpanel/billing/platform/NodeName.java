package com.nextpanel.billing.platform;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/** This JVM, as it signs its claims and leases in the shared database. */
public final class NodeName {

    public static final String ID = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    private NodeName() {
    }
}
