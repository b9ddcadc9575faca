package com.nextpanel.billing.it;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A request racing another transaction, made certain: the test writes rows in a transaction it
 * keeps open, sends the request, and commits only once the application waits on those rows.
 */
final class HeldRow {

    private HeldRow() {
    }

    /**
     * Two requests racing past one "is it taken?" check: the application's check cannot see the
     * row the test holds, and its own INSERT waits on the unique index, then fails.
     */
    static Api.Reply raceAgainst(String table, String insert, Supplier<Api.Reply> request, Object... parameters)
            throws SQLException {
        try (Connection held = TestEnvironment.connect()) {
            held.setAutoCommit(false);
            try (PreparedStatement s = TestEnvironment.prepared(held, insert, parameters)) {
                s.executeUpdate();
            }
            return answerOnceWaiting(held, request, () -> TestEnvironment.count("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE wait_event_type = 'Lock' AND query ILIKE ?", "INSERT INTO " + table + " %") > 0);
        }
    }

    /**
     * What {@code request} answers, sent while {@code updates} are held: the test commits them once
     * the application has started a statement that begins with {@code appStatement}, so that this
     * statement meets the rows as another transaction holds them.
     */
    static <T> T whileHeld(Supplier<T> request, String appStatement, String... updates) throws SQLException {
        try (Connection held = TestEnvironment.connect()) {
            held.setAutoCommit(false);
            for (String update : updates) {
                try (PreparedStatement s = held.prepareStatement(update)) {
                    s.executeUpdate();
                }
            }
            Instant heldSince = Instant.now();
            CompletableFuture<T> reply = CompletableFuture.supplyAsync(request);
            await("a statement '" + appStatement + "…' of the application while the rows are held")
                    .atMost(Duration.ofSeconds(30)).until(() -> TestEnvironment.count("SELECT count(*)"
                    + " FROM pg_stat_activity WHERE query ILIKE ? AND query_start >= ?",
                    appStatement + "%", heldSince.atOffset(ZoneOffset.UTC)) > 0);
            held.commit();
            return answer(reply);
        }
    }

    private static Api.Reply answerOnceWaiting(Connection held, Supplier<Api.Reply> request, Callable<Boolean> waiting)
            throws SQLException {
        CompletableFuture<Api.Reply> reply = CompletableFuture.supplyAsync(request);
        await().atMost(Duration.ofSeconds(30)).until(() -> reply.isDone() || waiting.call());
        held.commit();
        return answer(reply);
    }

    private static <T> T answer(CompletableFuture<T> reply) {
        try {
            return reply.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
