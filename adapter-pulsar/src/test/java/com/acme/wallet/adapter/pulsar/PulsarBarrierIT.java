package com.acme.wallet.adapter.pulsar;

import static com.acme.wallet.adapter.pulsar.RealPulsar.after;
import static com.acme.wallet.adapter.pulsar.RealPulsar.eventsOf;
import static com.acme.wallet.adapter.pulsar.RealPulsar.readAfter;
import static com.acme.wallet.adapter.pulsar.RealPulsar.readerOn;
import static com.acme.wallet.adapter.pulsar.RealPulsar.writerOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.WalletEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Barriers on a real broker: a read up to one holds exactly what was appended before it, also when
 * the barrier shares a Pulsar batch with events, and readers and the batch receiver skip them.
 */
class PulsarBarrierIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static PulsarConnection connection;

    private final TestEvents events = new TestEvents();

    @BeforeAll
    static void connect() {
        connection = RealPulsar.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
    }

    @Test
    void a_read_up_to_a_barrier_holds_every_event_appended_before_it_and_none_after_even_within_one_batch()
            throws Exception {
        String topic = RealPulsar.newTopic("barrier");
        List<WalletEvent> before = events.interleaved(20, "andrei", "maria");
        List<WalletEvent> afterwards = events.interleaved(20, "andrei", "maria");
        LogPosition barrier;
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            // Sent without waiting in between, so that the producer batches events and barrier together.
            List<CompletableFuture<LogPosition>> sends = new ArrayList<>();
            before.forEach(event -> sends.add(log.append(event).toCompletableFuture()));
            CompletableFuture<LogPosition> barrierSend = log.appendBarrier().toCompletableFuture();
            afterwards.forEach(event -> sends.add(log.append(event).toCompletableFuture()));
            barrier = barrierSend.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        PulsarLogReader reader = new PulsarLogReader(connection, readerOn(topic));

        List<LoggedEvent> upToBarrier = readUpTo(reader, LogPositions.none(), barrier);
        List<LoggedEvent> all = readAfter(reader, LogPositions.none());
        List<LoggedEvent> fromTheMiddle = readUpTo(reader, after(upToBarrier.get(9).position()), barrier);

        assertThat(eventsOf(upToBarrier)).containsExactlyElementsOf(before);
        assertThat(eventsOf(all)).as("the barrier is skipped").hasSize(40).containsSubsequence(before)
                .containsSubsequence(afterwards);
        assertThat(eventsOf(fromTheMiddle)).containsExactlyElementsOf(before.subList(10, 20));
    }

    @Test
    void a_confirmed_append_reports_the_position_it_is_read_back_at() throws Exception {
        String topic = RealPulsar.newTopic("append-position");
        List<WalletEvent> appended = events.interleaved(5, "andrei");
        List<LogPosition> positions = new ArrayList<>();
        LogPosition barrier;
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            for (WalletEvent event : appended) {
                positions.add(log.append(event).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
            }
            barrier = log.appendBarrier().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        List<LoggedEvent> read = readUpTo(new PulsarLogReader(connection, readerOn(topic)), LogPositions.none(),
                barrier);

        assertThat(read).extracting(LoggedEvent::position).containsExactlyElementsOf(positions);
    }

    @Test
    void a_read_that_starts_after_the_barrier_is_refused_as_a_position_of_another_history() throws Exception {
        String topic = RealPulsar.newTopic("barrier-behind");
        LogPosition barrier;
        LogPosition later;
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            barrier = log.appendBarrier().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            later = log.append(events.next("andrei")).toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        PulsarLogReader reader = new PulsarLogReader(connection, readerOn(topic));

        assertThatThrownBy(() -> readUpTo(reader, after(later), barrier)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_batch_receiver_skips_barriers_and_acknowledges_them_with_the_events_around_them() throws Exception {
        String topic = RealPulsar.newTopic("barrier-receiver");
        List<WalletEvent> appended = events.interleaved(6, "andrei", "maria");
        try (PulsarBatchReceiver receiver = subscribe(topic)) {
            try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
                log.appendBarrier().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                RealPulsar.appendAll(log, appended);
                log.appendBarrier().toCompletableFuture().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            List<LoggedEvent> received = receiveAll(receiver, appended.size());
            assertThat(eventsOf(received)).containsExactlyElementsOf(appended);
            receiver.acknowledgeUpTo(after(received.get(received.size() - 1).position()));
            // A barrier that came alone, in a batch of its own, is acknowledged on receipt.
            receiver.receiveBatch();
        }

        try (PulsarBatchReceiver next = subscribe(topic)) {
            assertThat(next.receiveBatch()).as("nothing left to deliver, barriers included").isEmpty();
        }
    }

    private static List<LoggedEvent> readUpTo(PulsarLogReader reader, LogPositions positions, LogPosition barrier) {
        List<LoggedEvent> read = new ArrayList<>();
        reader.readUpTo(positions, barrier, read::add);
        return read;
    }

    /** Subscribes, trying again a few times: a first subscription on a busy broker can take over 10 s. */
    private static PulsarBatchReceiver subscribe(String topic) {
        PulsarBatchReceiverSettings settings = PulsarBatchReceiverSettings.defaults()
                .withTopic(topic, "test-batch-consumer").withBatches(100, Duration.ofMillis(100));
        for (int attempt = 1; ; attempt++) {
            try {
                return PulsarBatchReceiver.subscribe(connection, settings);
            } catch (PulsarUnavailableException slow) {
                if (attempt == 3) {
                    throw slow;
                }
            }
        }
    }

    private static List<LoggedEvent> receiveAll(PulsarBatchReceiver receiver, int count) {
        List<LoggedEvent> received = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            received.addAll(receiver.receiveBatch());
        }
        return received;
    }
}
