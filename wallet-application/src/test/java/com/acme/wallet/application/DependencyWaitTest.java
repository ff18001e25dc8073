package com.acme.wallet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

class DependencyWaitTest {

    private static final Duration PAUSE = Duration.ofMillis(1);

    @Test
    void a_step_that_fails_while_the_dependency_is_away_is_repeated_until_it_succeeds() {
        AtomicInteger attempts = new AtomicInteger();
        DependencyWait wait = new DependencyWait(PAUSE, PAUSE);

        Optional<String> result = wait.until("connecting", () -> {
            if (attempts.incrementAndGet() < 4) {
                throw new IllegalStateException("connection refused");
            }
            return "connected";
        }, failure -> true);

        assertThat(result).contains("connected");
        assertThat(attempts).hasValue(4);
    }

    @Test
    void what_it_logs_while_waiting_never_holds_a_password_of_the_url_or_of_the_failure() {
        Logger logger = (Logger) LoggerFactory.getLogger(DependencyWait.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
        logger.addAppender(lines);
        AtomicInteger attempts = new AtomicInteger();
        try {
            new DependencyWait(PAUSE, PAUSE).until("opening PostgreSQL at jdbc:postgresql://wallet:pw1@db/wallet"
                    + "?password=pw2", () -> {
                        if (attempts.incrementAndGet() < 2) {
                            throw new IllegalStateException("no route to http://admin:pw3@pulsar:8080",
                                    new IllegalStateException("login failed for token=pw4"));
                        }
                        return "open";
                    }, failure -> true);
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(levelBefore);
        }

        assertThat(lines.list).hasSize(2).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(line -> assertThat(line).doesNotContain("pw1", "pw2", "pw3", "pw4")
                        .contains("jdbc:postgresql://wallet:***@db/wallet?password=***"));
        assertThat(lines.list.get(0).getFormattedMessage())
                .contains("http://admin:***@pulsar:8080").contains("token=***");
    }

    @Test
    void a_failure_not_worth_waiting_for_is_thrown_at_the_first_attempt() {
        AtomicInteger attempts = new AtomicInteger();
        DependencyWait wait = new DependencyWait(PAUSE, PAUSE);

        assertThatThrownBy(() -> wait.until("creating the producer", () -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("fenced");
        }, failure -> !(failure instanceof IllegalArgumentException))).hasMessage("fenced");
        assertThat(attempts).hasValue(1);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void stopping_ends_a_long_pause_at_once_and_returns_nothing() throws Exception {
        DependencyWait wait = new DependencyWait(Duration.ofHours(1), Duration.ofHours(1));
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<Optional<Object>> waiting = CompletableFuture.supplyAsync(() -> wait.until("subscribing",
                () -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("broker away");
                }, failure -> true));
        // The condition, not a fixed time: the first attempt has failed and the hour-long pause began.
        while (attempts.get() == 0) {
            Thread.onSpinWait();
        }

        wait.stop();

        assertThat(waiting.get(20, TimeUnit.SECONDS)).isEmpty();
        assertThat(attempts).hasValue(1);
    }

    @Test
    void pauses_double_from_the_minimum_and_stay_at_the_maximum() {
        DependencyWait wait = DependencyWait.withDefaultPauses();

        assertThat(wait.pauseMillis(1)).isEqualTo(100);
        assertThat(wait.pauseMillis(2)).isEqualTo(200);
        assertThat(wait.pauseMillis(6)).isEqualTo(3_200);
        assertThat(wait.pauseMillis(7)).isEqualTo(5_000);
        assertThat(wait.pauseMillis(1_000)).isEqualTo(5_000);
    }

    @Test
    void a_step_is_not_tried_once_stopped() {
        DependencyWait wait = DependencyWait.withDefaultPauses();
        wait.stop();

        assertThat(wait.until("anything", () -> "ran", failure -> true)).isEmpty();
    }
}
