package com.nextpanel.billing.it;

import java.io.File;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that `mvn package` built, deployed as it ships. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive billingWar() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("billing.war")));
    }

    /**
     * The WAR plus the test-support package (a clock the tests move, and other test-only
     * endpoints): for tests of behaviour over days.
     */
    public static WebArchive billingWarWithTestSupport() {
        return billingWar().addPackage(com.nextpanel.billing.testsupport.MovableClock.class.getPackage());
    }

    /** Payara's own endpoints (/health, /metrics, /openapi) sit at the server root, not under the app. */
    public static String serverRoot(URL deployment) {
        return deployment.getProtocol() + "://" + deployment.getHost() + ":" + deployment.getPort();
    }
}
