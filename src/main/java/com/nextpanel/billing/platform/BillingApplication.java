package com.nextpanel.billing.platform;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/** The REST API root. Every resource below it requires a bearer token (see security). */
@ApplicationPath("/api/v1")
@DeclareRoles({"ADMIN", "VIEWER"})
public class BillingApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Makes @RolesAllowed effective on CDI-managed resources.
        return Map.of("jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}
