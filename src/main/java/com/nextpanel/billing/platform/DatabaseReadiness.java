package com.nextpanel.billing.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready means the database answers within a second. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = dataSource.getConnection()) {
            boolean valid = connection.isValid(1);
            return HealthCheckResponse.named("database").status(valid).build();
        } catch (SQLException e) {
            // /health/ready is open to anyone: the driver's text names the host and the user, so it stays in the log
            LOG.log(Level.WARNING, "Readiness: the database is unavailable: " + e.getMessage(), e);
            return HealthCheckResponse.named("database").down().withData("error", "database unavailable").build();
        }
    }
}
