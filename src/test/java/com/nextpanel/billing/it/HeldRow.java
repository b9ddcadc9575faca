package com.nextpanel.billing.it;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Two requests racing past one "is it taken?" check, made certain: the test inserts the row in a
 * transaction it keeps open, so the application's check cannot see it and the application's own
 * INSERT waits on the unique index; the test then commits and the application's INSERT fails.
 */
final class HeldRow {

    private HeldRow() {
    }

    /** The application's answer to {@code request}, sent while {@code insert} into {@code table} is held. */
    static Api.Reply raceAgainst(String table, String insert, Supplier<Api.Reply> request, Object... parameters)
            throws SQLException {
        try (Connection held = TestEnvironment.connect()) {
            held.setAutoCommit(false);
            try (PreparedStatement s = held.prepareStatement(insert)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                s.executeUpdate();
            }
            CompletableFuture<Api.Reply> reply = CompletableFuture.supplyAsync(request);
            await().atMost(Duration.ofSeconds(30)).until(() -> reply.isDone() || insertsWaitingOn(table) > 0);
            held.commit();
            return reply.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long insertsWaitingOn(String table) throws SQLException {
        return TestEnvironment.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND query ILIKE ?", "INSERT INTO " + table + " %");
    }
}
