package com.nextpanel.launch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL (zonky) for this machine alone: superuser postgres, trusted on local
 * connections (any password). Without {@link Builder#dataIn} it lives in a temp folder on a
 * port of its own choice.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    private final EmbeddedPostgres server;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {

        // no hook of zonky's unless asked: the launchers stop PostgreSQL after Payara, from their own
        private final EmbeddedPostgres.Builder zonky = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
        private Path dataDirectory;

        private Builder() {
        }

        /** Data in {@code folder}: kept from one start to the next, or wiped first. */
        public Builder dataIn(Path folder, boolean keep) throws IOException {
            Files.createDirectories(folder);
            dataDirectory = folder;
            zonky.setDataDirectory(folder).setCleanDataDirectory(!keep);
            return this;
        }

        /**
         * A fixed port. With kept data this also lets a start after a kill -9 take over the old
         * server that zonky finds through postmaster.pid.
         */
        public Builder port(int port) {
            zonky.setPort(port);
            return this;
        }

        public Builder config(String key, String value) {
            zonky.setServerConfig(key, value);
            return this;
        }

        /** The server's output appended to {@code file}. */
        public Builder logTo(Path file) {
            ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(file.toFile());
            zonky.setOutputRedirector(log).setErrorRedirector(log);
            return this;
        }

        /** zonky's own shutdown hook, for a user without one (a test run stopped with Ctrl-C). */
        public Builder stopOnJvmExit() {
            zonky.setRegisterShutdownHook(true);
            return this;
        }

        public LocalPostgres start() throws IOException {
            return new LocalPostgres(zonky.start(), dataDirectory);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl(String database) {
        return jdbcUrl(port(), database);
    }

    /** The URL of {@code database} on a server that will listen on {@code port}. */
    public static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, USER);
    }

    /** Creates {@code database} unless it exists; true if it did not. */
    public boolean createDatabaseIfMissing(String database) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (rs.next()) {
                    return false;
                }
            }
            s.execute("CREATE DATABASE " + database);
            return true;
        }
    }

    /** The postmaster's PID, -1 when unknown (data in a temp folder). */
    public long pid() {
        if (dataDirectory == null) {
            return -1;
        }
        try {
            return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
