package com.acme.wallet.application.persistence;

import static com.acme.wallet.application.WalletEvents.logged;
import static com.acme.wallet.application.WalletEvents.opened;
import static com.acme.wallet.application.persistence.RunningPersister.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.acme.wallet.application.persistence.EventBatchPersister.Ending;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every retry of an unavailable store is paced and every stop is bounded, whatever happens to the
 * persister's thread and however fine the configured pauses are: a retry loop without pauses
 * hammers a store that is already struggling, and a stop that overruns its timeout can be killed
 * mid-batch by the platform.
 *
 * <p>The limits asserted are loose upper bounds (a slow machine only makes fewer attempts), so
 * they fail only when pauses are skipped altogether or a stop overruns by a whole pause.
 */
class EventBatchPersisterRetryPacingTest {

    /** Held, so that the level set here is not lost when the logger is collected. */
    private static final Logger PERSISTER_LOG = Logger.getLogger(EventBatchPersister.class.getName());

    private static Level levelBefore;

    private final Timeline timeline = new Timeline();
    private final ScriptedBatchSource source = new ScriptedBatchSource(timeline)
            .delivering(logged(opened("alice", 500), "wallet-events-0", 0));
    private final ScriptedBatchStore store = new ScriptedBatchStore(timeline).goesDown();
    private RunningPersister running;

    @BeforeAll
    static void silenceRetryWarnings() {
        // A loop that skips its pauses logs a warning per attempt: many thousands within a test.
        levelBefore = PERSISTER_LOG.getLevel();
        PERSISTER_LOG.setLevel(Level.OFF);
    }

    @AfterAll
    static void restoreRetryWarnings() {
        PERSISTER_LOG.setLevel(levelBefore);
    }

    @AfterEach
    void stopThePersister() throws InterruptedException {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void retries_after_the_thread_is_interrupted_still_pause_between_attempts() {
        BatchPersisterSettings settings =
                new BatchPersisterSettings(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(200));
        running = RunningPersister.start(new EventBatchPersister(source, store, settings));
        until("the store was tried", () -> store.attempts() >= 1);

        running.interrupt();

        assertThat(running.awaitEnding()).isEqualTo(Ending.STOPPED);
        // Paced, about 200 ms / 20..40 ms = 5 to 10 retries while stopping; far fewer than 100.
        assertThat(store.attempts()).as("attempts on a store that is down").isLessThan(100);
        assertThat(source.acknowledgements()).isEmpty();
    }

    @Test
    void a_minimum_pause_below_one_millisecond_is_either_refused_or_still_a_pause() {
        Throwable refused = catchThrowable(() -> new BatchPersisterSettings(
                Duration.ofNanos(500_000), Duration.ofMillis(4), Duration.ofMillis(50)));
        if (refused != null) {
            // Refusing a pause finer than the persister can wait is as good as honouring it.
            assertThat(refused).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        BatchPersisterSettings settings =
                new BatchPersisterSettings(Duration.ofNanos(500_000), Duration.ofMillis(4), Duration.ofMillis(50));
        running = RunningPersister.start(new EventBatchPersister(source, store, settings));
        until("the store was tried", () -> store.attempts() >= 1);

        sleepMillis(100);
        int attemptsIn100Millis = store.attempts();

        // Pauses of 0.5, 1, 2, then 4 ms allow about 30 attempts in 100 ms; far fewer than 300.
        assertThat(attemptsIn100Millis).as("attempts in 100 ms on a store that is down").isLessThan(300);
    }

    @Test
    void stopping_while_the_store_is_down_gives_up_within_the_stop_timeout_not_after_a_whole_pause() {
        BatchPersisterSettings settings =
                new BatchPersisterSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(50));
        running = RunningPersister.start(new EventBatchPersister(source, store, settings));
        until("the store was tried", () -> store.attempts() >= 1);

        Duration stopping = running.stopAndTimeIt();

        assertThat(running.awaitEnding()).isEqualTo(Ending.STOPPED);
        assertThat(stopping).as("time to stop with a 50 ms stop timeout and 2 s pauses")
                .isLessThan(Duration.ofMillis(50).plus(Duration.ofMillis(500)));
        assertThat(source.acknowledgements()).isEmpty();
    }

    private static void sleepMillis(long millis) {
        try {
            // The measuring window itself: the assertion is an upper bound, so a longer sleep only loosens it.
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while measuring", interrupted);
        }
    }
}
