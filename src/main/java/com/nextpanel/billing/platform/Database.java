package com.nextpanel.billing.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;

/**
 * The application's own JTA datasource: the WAR carries the PostgreSQL driver and reads its
 * coordinates from MicroProfile Config (env DB_URL, DB_USER, DB_PASSWORD), so the same WAR runs
 * on any Payara Micro without server-side JDBC resources.
 */
@Singleton
@DataSourceDefinition(
        name = Database.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=db.url}",
        user = "${MPCONFIG=db.user:billing}",
        password = "${MPCONFIG=db.password:}",
        minPoolSize = 2,
        maxPoolSize = 40,
        properties = {"fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=auto-commit"})
public class Database {
    public static final String JNDI_NAME = "java:app/jdbc/billing";
}
