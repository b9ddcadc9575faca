package com.nextpanel.billing.fleet.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManualRefreshTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SettableClock clock = new SettableClock();
    private final ExecutorService threads = Executors.newFixedThreadPool(21);
    private final ManualRefresh refresh = new ManualRefresh(clock, Duration.ofSeconds(5));
    private final AtomicInteger rounds = new AtomicInteger();

    @Test
    void aRefreshWithinTheGapAnswersWithoutAnotherRound() {
        assertThat(refresh.run(rounds::incrementAndGet, WAIT)).isTrue();
        clock.advance(Duration.ofSeconds(4));
        assertThat(refresh.run(rounds::incrementAndGet, WAIT)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(refresh.run(rounds::incrementAndGet, WAIT)).isTrue();

        assertThat(rounds).hasValue(2);
    }

    @Test
    void refreshesDuringARoundShareItAndReturnWhenItEnds() throws Exception {
        CountDownLatch roundStarted = new CountDownLatch(1);
        CountDownLatch finishRound = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> refresh.run(() -> {
            rounds.incrementAndGet();
            roundStarted.countDown();
            await(finishRound);
        }, WAIT), threads);
        assertThat(roundStarted.await(10, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Boolean>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(CompletableFuture.supplyAsync(() -> refresh.run(rounds::incrementAndGet, WAIT), threads));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> refresh.waiting() == 20);
        clock.advance(Duration.ofSeconds(6)); // past the gap: only the round under way holds them back
        assertThat(burst).noneMatch(CompletableFuture::isDone);
        finishRound.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        for (CompletableFuture<Boolean> joined : burst) {
            assertThat(joined.get(10, TimeUnit.SECONDS)).isFalse();
        }
        assertThat(rounds).hasValue(1);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /** A clock the test moves. */
    private static final class SettableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-07T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
