package com.acme.wallet.application.persistence;

import static com.acme.wallet.application.WalletEvents.credit;
import static com.acme.wallet.application.WalletEvents.debit;
import static com.acme.wallet.application.WalletEvents.logged;
import static com.acme.wallet.application.WalletEvents.opened;
import static com.acme.wallet.application.WalletEvents.position;
import static com.acme.wallet.application.persistence.RunningPersister.until;
import static com.acme.wallet.application.persistence.ScriptedBatchStore.Attempt.BREAK_INVARIANT;
import static com.acme.wallet.application.persistence.ScriptedBatchStore.Attempt.FAIL;
import static com.acme.wallet.application.persistence.ScriptedBatchStore.Attempt.PERSIST;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.persistence.EventBatchPersister.Ending;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.RecordPersisterMetricsPort;
import com.acme.wallet.application.port.out.UnreadableEventException;
import com.acme.wallet.domain.WalletEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The persister writes each batch before it acknowledges it, retries an unavailable store without
 * acknowledging anything, stops for a person at an unreadable message or a broken money rule, and
 * on stop finishes or gives up the batch in hand.
 */
class EventBatchPersisterTest {

    private static final String P0 = "wallet-events-0";
    private static final String P1 = "wallet-events-1";

    // Alice's events on one partition and bob's on another, as a log keyed by wallet places them.
    private static final LoggedEvent ALICE_1 = logged(opened("alice", 500), P0, 0);
    private static final LoggedEvent ALICE_2 = logged(credit("alice", 2, 100, "wonbet-1"), P0, 1);
    private static final LoggedEvent ALICE_3 = logged(debit("alice", 3, 50, "bet-1"), P0, 2);
    private static final LoggedEvent ALICE_4 = logged(credit("alice", 4, 5, "bonus-1"), P0, 3);
    private static final LoggedEvent BOB_1 = logged(opened("bob", 20), P1, 0);
    private static final LoggedEvent BOB_2 = logged(debit("bob", 2, 15, "bet-7"), P1, 1);

    /** Millisecond pauses, so that retry tests finish quickly; a stop timeout a test can wait out. */
    private static final BatchPersisterSettings QUICK_RETRIES =
            new BatchPersisterSettings(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(150));

    private final Timeline timeline = new Timeline();
    private final ScriptedBatchSource source = new ScriptedBatchSource(timeline);
    private final ScriptedBatchStore store = new ScriptedBatchStore(timeline);
    private EventBatchPersister persister;
    private RunningPersister running;

    @AfterEach
    void stopThePersister() throws InterruptedException {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void a_batch_is_acknowledged_only_after_it_has_been_persisted() {
        source.delivering(ALICE_1, ALICE_2, ALICE_3);
        start(QUICK_RETRIES);

        until("the batch is acknowledged", () -> source.acknowledgements().size() == 1);

        assertThat(timeline.entries()).containsExactly("persisted 3 new, 0 repeats", "acknowledged");
        assertThat(store.storedEvents()).containsExactly(events(ALICE_1, ALICE_2, ALICE_3));
        assertThat(source.acknowledgements()).containsExactly(positionsOf(ALICE_3));
    }

    @Test
    void a_metrics_recorder_that_throws_changes_nothing_that_is_persisted_or_acknowledged() {
        source.delivering(ALICE_1, ALICE_2).delivering(ALICE_3);
        persister = new EventBatchPersister(source, store, QUICK_RETRIES, new RecordPersisterMetricsPort() {
            @Override
            public void batchCommitted(int events, long persisted, long duplicates, long commitNanos,
                    Instant newestEventOccurredAt) {
                throw new IllegalStateException("a broken recorder");
            }

            @Override
            public void drained() {
                throw new IllegalStateException("a broken recorder");
            }

            @Override
            public void storeRetried() {
                throw new IllegalStateException("a broken recorder");
            }

            @Override
            public void receiveRetried() {
                throw new IllegalStateException("a broken recorder");
            }
        });
        running = RunningPersister.start(persister);

        until("both batches are acknowledged", () -> source.acknowledgements().size() == 2);

        assertThat(timeline.entries()).containsExactly("persisted 2 new, 0 repeats", "acknowledged",
                "persisted 1 new, 0 repeats", "acknowledged");
        assertThat(store.storedEvents()).containsExactly(events(ALICE_1, ALICE_2, ALICE_3));
    }

    @Test
    void the_acknowledgement_names_the_last_position_of_each_partition_in_the_batch() {
        source.delivering(ALICE_1, BOB_1, ALICE_2, BOB_2, ALICE_3).delivering(ALICE_4);
        start(QUICK_RETRIES);

        until("both batches are acknowledged", () -> source.acknowledgements().size() == 2);

        // The second batch holds nothing of bob's partition, so it must not name that partition.
        assertThat(source.acknowledgements()).containsExactly(positionsOf(ALICE_3, BOB_2), positionsOf(ALICE_4));
    }

    @Test
    void an_unavailable_store_is_retried_until_it_persists_and_nothing_is_acknowledged_meanwhile() {
        store.answering(FAIL, FAIL, FAIL);
        source.delivering(ALICE_1, ALICE_2);
        start(QUICK_RETRIES);

        until("the batch is acknowledged", () -> source.acknowledgements().size() == 1);

        assertThat(store.attempts()).isEqualTo(4);
        assertThat(timeline.entries()).containsExactly("persist failed", "persist failed", "persist failed",
                "persisted 2 new, 0 repeats", "acknowledged");
        assertThat(source.acknowledgements()).containsExactly(positionsOf(ALICE_2));
        assertThat(persister.persistedEvents()).isEqualTo(2);
        assertThat(running.hasEnded()).isFalse();
    }

    @Test
    void retries_pause_for_the_doubling_pause_up_to_the_maximum() {
        BatchPersisterSettings settings =
                new BatchPersisterSettings(Duration.ofMillis(2), Duration.ofMillis(8), Duration.ofMillis(100));
        store.goesDown();
        source.delivering(ALICE_1);
        start(settings);

        until("seven attempts were made", () -> store.attempts() >= 7);
        assertThat(source.acknowledgements()).as("acknowledged while the store is down").isEmpty();
        store.comesBack();
        until("the batch is acknowledged", () -> source.acknowledgements().size() == 1);

        List<Long> starts = store.attemptStartNanos();
        long[] expectedPausesMillis = {2, 4, 8, 8, 8, 8};
        for (int retry = 0; retry < expectedPausesMillis.length; retry++) {
            Duration gap = Duration.ofNanos(starts.get(retry + 1) - starts.get(retry));
            assertThat(gap).as("pause before retry %s", retry + 1)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(expectedPausesMillis[retry]))
                    // Generous, so a busy machine does not fail it: only a pause far past the maximum does.
                    .isLessThan(Duration.ofMillis(8).plus(Duration.ofSeconds(1)));
        }
    }

    @Test
    void a_failed_receive_is_retried_and_the_run_carries_on() {
        source.failingReceiveWith(new StacklessFailure("the broker is unreachable")).delivering(ALICE_1);
        start(QUICK_RETRIES);

        until("the batch is acknowledged", () -> source.acknowledgements().size() == 1);

        assertThat(store.storedEvents()).containsExactly(events(ALICE_1));
        assertThat(running.hasEnded()).isFalse();
    }

    @Test
    void empty_batches_are_neither_persisted_nor_acknowledged() {
        start(QUICK_RETRIES);

        until("several empty receives", () -> source.receives() >= 5);

        assertThat(store.attempts()).isZero();
        assertThat(source.acknowledgements()).isEmpty();
    }

    @Test
    void an_unreadable_message_ends_the_run_and_nothing_after_it_is_persisted_or_acknowledged() {
        source.delivering(ALICE_1, ALICE_2)
                .failingReceiveWith(new UnreadableEventException(position(P0, 2), "not a wallet event", null))
                .delivering(ALICE_4);
        start(QUICK_RETRIES);

        assertThat(running.awaitEnding()).isEqualTo(Ending.UNREADABLE_EVENT);
        assertThat(store.storedEvents()).containsExactly(events(ALICE_1, ALICE_2));
        assertThat(source.acknowledgements()).containsExactly(positionsOf(ALICE_2));
        assertThat(source.undelivered()).as("batches left in the log").isEqualTo(1);
    }

    @Test
    void a_batch_that_breaks_a_money_rule_ends_the_run_unacknowledged_and_is_not_retried() {
        store.answering(PERSIST, BREAK_INVARIANT);
        source.delivering(ALICE_1).delivering(ALICE_2, ALICE_3).delivering(ALICE_4);
        start(QUICK_RETRIES);

        assertThat(running.awaitEnding()).isEqualTo(Ending.BROKEN_INVARIANT);
        assertThat(store.attempts()).isEqualTo(2);
        assertThat(timeline.entries()).containsExactly("persisted 1 new, 0 repeats", "acknowledged", "persist refused");
        assertThat(source.acknowledgements()).containsExactly(positionsOf(ALICE_1));
        assertThat(source.undelivered()).as("batches left in the log").isEqualTo(1);
    }

    @Test
    void stop_while_waiting_for_batches_returns_stopped_promptly() {
        start(QUICK_RETRIES);
        until("the persister waits for batches", () -> source.receives() >= 3);

        Duration stopping = running.stopAndTimeIt();

        assertThat(running.awaitEnding()).isEqualTo(Ending.STOPPED);
        assertThat(stopping).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void a_persister_stopped_before_it_runs_returns_at_once_without_receiving() {
        persister = new EventBatchPersister(source, store, QUICK_RETRIES);
        persister.stop();
        running = RunningPersister.start(persister);

        assertThat(running.awaitEnding()).isEqualTo(Ending.STOPPED);
        assertThat(source.receives()).isZero();
    }

    @Test
    void stop_while_the_store_is_down_keeps_retrying_for_the_stop_timeout_then_gives_the_batch_up_unacknowledged() {
        store.goesDown();
        source.delivering(ALICE_1, ALICE_2).delivering(ALICE_3);
        start(QUICK_RETRIES);
        until("the store was tried a few times", () -> store.attempts() >= 3);
        int attemptsBeforeStop = store.attempts();

        Duration stopping = running.stopAndTimeIt();

        assertThat(running.awaitEnding()).isEqualTo(Ending.STOPPED);
        assertThat(stopping).isGreaterThanOrEqualTo(QUICK_RETRIES.stopTimeout())
                .isLessThan(QUICK_RETRIES.stopTimeout().plus(Duration.ofSeconds(2)));
        assertThat(store.attempts()).as("attempts while stopping").isGreaterThan(attemptsBeforeStop);
        assertThat(source.acknowledgements()).isEmpty();
        assertThat(store.storedEvents()).isEmpty();
        assertThat(source.undelivered()).as("batches left in the log").isEqualTo(1);
    }

    @Test
    void stop_while_the_store_is_down_finishes_the_batch_if_the_store_comes_back_within_the_stop_timeout() {
        store.goesDown();
        source.delivering(ALICE_1, ALICE_2).delivering(ALICE_3);
        start(new BatchPersisterSettings(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(3)));
        until("the store was tried", () -> store.attempts() >= 2);

        persister.stop();
        int attemptsAtStop = store.attempts();
        until("the store is retried while stopping", () -> store.attempts() >= attemptsAtStop + 2);
        store.comesBack();

        assertThat(running.awaitEnding()).isEqualTo(Ending.STOPPED);
        assertThat(source.acknowledgements()).containsExactly(positionsOf(ALICE_2));
        assertThat(source.undelivered()).as("batches left in the log").isEqualTo(1);
    }

    @Test
    void with_no_stop_timeout_stop_gives_the_batch_up_at_the_first_failure_after_it() {
        store.goesDown();
        source.delivering(ALICE_1);
        start(new BatchPersisterSettings(Duration.ofMillis(50), Duration.ofMillis(50), Duration.ZERO));
        until("the store was tried", () -> store.attempts() >= 1);
        int attemptsBeforeStop = store.attempts();

        Duration stopping = running.stopAndTimeIt();

        assertThat(running.awaitEnding()).isEqualTo(Ending.STOPPED);
        assertThat(stopping).isLessThan(Duration.ofSeconds(1));
        assertThat(store.attempts()).isBetween(attemptsBeforeStop, attemptsBeforeStop + 1);
        assertThat(source.acknowledgements()).isEmpty();
    }

    @Test
    void stop_during_a_persist_lets_it_finish_and_acknowledges_it_but_takes_no_further_batch() {
        CountDownLatch release = store.holdingNextPersist();
        source.delivering(ALICE_1, ALICE_2).delivering(ALICE_3);
        start(QUICK_RETRIES);
        until("the first batch is being persisted", store::isHolding);

        persister.stop();
        release.countDown();

        assertThat(running.awaitEnding()).isEqualTo(Ending.STOPPED);
        assertThat(timeline.entries()).containsExactly("persisted 2 new, 0 repeats", "acknowledged");
        assertThat(source.acknowledgements()).containsExactly(positionsOf(ALICE_2));
        assertThat(source.undelivered()).as("batches left in the log").isEqualTo(1);
    }

    @Test
    void redelivered_events_are_counted_as_duplicates_and_acknowledged_again() {
        start(QUICK_RETRIES);
        assertThat(persister.persistedEvents()).isZero();
        assertThat(persister.duplicateEvents()).isZero();

        source.delivering(ALICE_1, ALICE_2, ALICE_3);
        until("the first batch is acknowledged", () -> source.acknowledgements().size() == 1);
        assertThat(persister.persistedEvents()).isEqualTo(3);
        assertThat(persister.duplicateEvents()).isZero();

        // After a reconnect the log delivers the same batch again, then one that overlaps it.
        source.delivering(ALICE_1, ALICE_2, ALICE_3);
        until("the redelivery is acknowledged", () -> source.acknowledgements().size() == 2);
        assertThat(persister.persistedEvents()).isEqualTo(3);
        assertThat(persister.duplicateEvents()).isEqualTo(3);

        source.delivering(ALICE_3, ALICE_4);
        until("the overlapping batch is acknowledged", () -> source.acknowledgements().size() == 3);
        assertThat(persister.persistedEvents()).isEqualTo(4);
        assertThat(persister.duplicateEvents()).isEqualTo(4);

        assertThat(store.storedEvents()).containsExactly(events(ALICE_1, ALICE_2, ALICE_3, ALICE_4));
        assertThat(source.acknowledgements())
                .containsExactly(positionsOf(ALICE_3), positionsOf(ALICE_3), positionsOf(ALICE_4));
    }

    @Test
    void a_failed_acknowledgement_does_not_stop_the_loop() {
        source.failingNextAcknowledgements(1).delivering(ALICE_1, ALICE_2).delivering(ALICE_3);
        start(QUICK_RETRIES);

        until("the second batch is acknowledged", () -> source.acknowledgements().size() == 1);

        assertThat(timeline.entries()).containsExactly("persisted 2 new, 0 repeats", "acknowledgement failed",
                "persisted 1 new, 0 repeats", "acknowledged");
        // Acknowledgements are cumulative, so the second one covers the first batch as well.
        assertThat(source.acknowledgements()).containsExactly(positionsOf(ALICE_3));
        assertThat(persister.persistedEvents()).isEqualTo(3);
        assertThat(running.hasEnded()).isFalse();
        assertThat(running.stopAndTimeIt()).isLessThan(Duration.ofSeconds(1));
        assertThat(running.awaitEnding()).isEqualTo(Ending.STOPPED);
    }

    private void start(BatchPersisterSettings settings) {
        persister = new EventBatchPersister(source, store, settings);
        running = RunningPersister.start(persister);
    }

    private static WalletEvent[] events(LoggedEvent... logged) {
        return Arrays.stream(logged).map(LoggedEvent::event).toArray(WalletEvent[]::new);
    }

    private static LogPositions positionsOf(LoggedEvent... lastOfEachPartition) {
        return LogPositions.of(Arrays.stream(lastOfEachPartition).map(LoggedEvent::position).toList());
    }
}
