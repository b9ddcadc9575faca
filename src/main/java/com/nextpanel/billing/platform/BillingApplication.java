package com.nextpanel.billing.platform;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The REST API root. Every resource below it requires a bearer token (see security). */
@ApplicationPath("/api")
@DeclareRoles({"ADMIN", "VIEWER"})
@OpenAPIDefinition(
        info = @Info(title = "NextPanel Billing API", version = "1.0.0",
                description = "Billing and provisioning for hosting on a fleet of NextPanel servers: servers, plans, "
                        + "customers, orders, invoices and payments, hosting accounts, jobs, alerts and the audit log. "
                        + "JSON in snake_case; errors are application/problem+json. Every call needs an operator "
                        + "token (Authorization: Bearer <token>); a VIEWER token reads, an ADMIN token also writes."),
        components = @Components(securitySchemes = @SecurityScheme(securitySchemeName = "bearer",
                type = SecuritySchemeType.HTTP, scheme = "bearer",
                description = "An operator token, as issued by POST /api/v1/operators/tokens")),
        security = @SecurityRequirement(name = "bearer"))
public class BillingApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // Makes @RolesAllowed effective on CDI-managed resources.
        return Map.of("jersey.config.server.provider.classnames",
                "org.glassfish.jersey.server.filter.RolesAllowedDynamicFeature");
    }
}
