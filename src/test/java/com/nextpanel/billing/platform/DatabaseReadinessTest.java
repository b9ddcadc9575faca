package com.nextpanel.billing.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DatabaseReadinessTest {

    private static final String DRIVER_TEXT =
            "Connection to db.internal.example:5432 refused for user \"billing_owner\"";

    /** Outside Payara there is no MicroProfile Health implementation: a plain builder stands in. */
    @BeforeAll
    static void plainResponses() {
        HealthCheckResponse.setResponseProvider(PlainBuilder::new);
    }

    @Test
    void anUnreachableDatabaseIsReportedWithoutTheDriversTextWhichGoesToTheLog() {
        var readiness = new DatabaseReadiness();
        readiness.dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException(DRIVER_TEXT, "08001");
                });
        List<LogRecord> logged = new ArrayList<>();
        Logger log = Logger.getLogger(DatabaseReadiness.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        HealthCheckResponse response;
        try {
            response = readiness.call();
        } finally {
            log.removeHandler(capture);
        }

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).hasValueSatisfying(data -> {
            assertThat(data).containsEntry("error", "database unavailable");
            assertThat(data.toString()).doesNotContain("db.internal.example").doesNotContain("billing_owner");
        });
        assertThat(logged).anySatisfy(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage()).contains(DRIVER_TEXT);
        });
    }

    private static final class PlainBuilder extends HealthCheckResponseBuilder {
        private final Map<String, Object> data = new LinkedHashMap<>();
        private String name;
        private boolean up;

        @Override
        public HealthCheckResponseBuilder name(String value) {
            name = value;
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, String value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, long value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder withData(String key, boolean value) {
            data.put(key, value);
            return this;
        }

        @Override
        public HealthCheckResponseBuilder up() {
            return status(true);
        }

        @Override
        public HealthCheckResponseBuilder down() {
            return status(false);
        }

        @Override
        public HealthCheckResponseBuilder status(boolean value) {
            up = value;
            return this;
        }

        @Override
        public HealthCheckResponse build() {
            return new HealthCheckResponse(name, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                    data.isEmpty() ? Optional.empty() : Optional.of(Map.copyOf(data)));
        }
    }
}
