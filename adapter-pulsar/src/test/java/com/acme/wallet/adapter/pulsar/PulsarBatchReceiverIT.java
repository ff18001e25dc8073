package com.acme.wallet.adapter.pulsar;

import static com.acme.wallet.adapter.pulsar.RealPulsar.after;
import static com.acme.wallet.adapter.pulsar.RealPulsar.appendAll;
import static com.acme.wallet.adapter.pulsar.RealPulsar.appendOneByOne;
import static com.acme.wallet.adapter.pulsar.RealPulsar.eventsOf;
import static com.acme.wallet.adapter.pulsar.RealPulsar.readAfter;
import static com.acme.wallet.adapter.pulsar.RealPulsar.readerOn;
import static com.acme.wallet.adapter.pulsar.RealPulsar.writerOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.UnreadableEventException;
import com.acme.wallet.domain.WalletEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Receiving the log in batches through the Failover subscription, as the batch consumer does,
 * against a real broker: order, batch limits, cumulative acknowledgement, standby, poison.
 */
class PulsarBatchReceiverIT {

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
    void events_arrive_in_log_order_in_batches_no_larger_than_the_limit_at_the_reader_s_positions() throws Exception {
        String topic = RealPulsar.newTopic("batches");
        List<WalletEvent> appended = events.interleaved(500, "andrei", "maria", "ion");
        List<List<LoggedEvent>> batches;
        try (PulsarBatchReceiver receiver = subscribe(topic, 50)) {
            appendAllWithAWriter(topic, appended);

            batches = receiveBatches(receiver, appended.size());
        }

        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 50));
        List<LoggedEvent> received = batches.stream().flatMap(List::stream).toList();
        assertThat(eventsOf(received)).containsExactlyElementsOf(appended);
        List<LoggedEvent> read = readAfter(new PulsarLogReader(connection, readerOn(topic)), LogPositions.none());
        assertThat(received).as("receiver and reader agree on positions, so stored positions mean the same to both")
                .containsExactlyElementsOf(read);
    }

    @Test
    void an_idle_topic_gives_an_empty_batch_after_the_batch_wait() {
        String topic = RealPulsar.newTopic("idle");
        try (PulsarBatchReceiver receiver = subscribe(topic, 50)) {
            long startNanos = System.nanoTime();

            List<LoggedEvent> batch = receiver.receiveBatch();

            assertThat(batch).isEmpty();
            // The batch wait is 100 ms; a receive that waited for a message would never return.
            // 10 s leaves a loaded machine room, where 2 s was an idle machine's bound.
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void after_a_cumulative_acknowledgement_a_new_consumer_receives_only_what_was_not_acknowledged() throws Exception {
        String topic = RealPulsar.newTopic("ack");
        List<WalletEvent> appended = events.interleaved(10, "andrei", "maria");
        List<LoggedEvent> received;
        try (PulsarBatchReceiver first = subscribe(topic, 100)) {
            try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
                appendOneByOne(log, appended);
            }
            received = receiveAll(first, appended.size());
            first.acknowledgeUpTo(after(received.get(5).position()));
        }

        try (PulsarBatchReceiver second = subscribe(topic, 100)) {
            assertThat(receiveAll(second, 4)).containsExactlyElementsOf(received.subList(6, 10));
            assertThat(second.receiveBatch()).isEmpty();
        }
    }

    @Test
    void acknowledging_a_position_that_ends_a_pulsar_batch_leaves_nothing_of_that_batch_to_redeliver()
            throws Exception {
        String topic = RealPulsar.newTopic("ack-batched");
        List<WalletEvent> appended = events.interleaved(300, "andrei", "maria");
        try (PulsarBatchReceiver first = subscribe(topic, 1_000)) {
            appendAllWithAWriter(topic, appended);
            List<LoggedEvent> received = receiveAll(first, appended.size());
            assertThat(RealPulsar.messageIdOf(received.get(299).position()).getBatchIndex()).isGreaterThanOrEqualTo(0);

            first.acknowledgeUpTo(after(received.get(299).position()));
        }

        try (PulsarBatchReceiver second = subscribe(topic, 1_000)) {
            assertThat(second.receiveBatch()).isEmpty();
        }
    }

    @Test
    void an_acknowledgement_of_a_stored_position_inside_a_batch_redelivers_at_most_that_batch() throws Exception {
        String topic = RealPulsar.newTopic("ack-stored");
        List<WalletEvent> appended = events.interleaved(300, "andrei", "maria");
        List<LoggedEvent> all;
        try (PulsarBatchReceiver first = subscribe(topic, 1_000)) {
            appendAllWithAWriter(topic, appended);
            all = receiveAll(first, appended.size());
        }
        int middle = indexInsideABatch(all);
        LogPosition stored = new LogPosition(topic, all.get(middle).position().position());
        try (PulsarBatchReceiver restarted = subscribe(topic, 1_000)) {
            receiveAll(restarted, appended.size());
            restarted.acknowledgeUpTo(after(stored));
        }

        try (PulsarBatchReceiver next = subscribe(topic, 1_000)) {
            List<LoggedEvent> redelivered = receiveAll(next, appended.size() - middle - 1);
            MessageIdAdv acknowledged = RealPulsar.messageIdOf(stored);

            assertThat(redelivered).endsWith(all.subList(middle + 1, all.size()).toArray(LoggedEvent[]::new));
            for (LoggedEvent repeat : redelivered.subList(0, redelivered.size() - (all.size() - middle - 1))) {
                MessageIdAdv id = RealPulsar.messageIdOf(repeat.position());
                boolean sameEntry = id.getLedgerId() == acknowledged.getLedgerId()
                        && id.getEntryId() == acknowledged.getEntryId();
                assertThat(sameEntry).as("only events of the acknowledged position's own batch come again").isTrue();
            }
        }
    }

    @Test
    void a_standby_consumer_receives_nothing_until_the_active_one_goes_and_then_all_it_left_unacknowledged()
            throws Exception {
        String topic = RealPulsar.newTopic("failover");
        List<WalletEvent> appended = events.interleaved(20, "andrei");
        PulsarBatchReceiver first = subscribe(topic, 100);
        PulsarBatchReceiver second = subscribe(topic, 100);
        try {
            appendAllWithAWriter(topic, appended);
            PulsarBatchReceiver active = whicheverReceives(first, second);
            PulsarBatchReceiver standby = active == first ? second : first;
            assertThat(standby.receiveBatch()).as("the standby waits while the active consumer is there").isEmpty();

            active.close();

            assertThat(eventsOf(receiveAll(standby, appended.size()))).containsExactlyElementsOf(appended);
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void a_poison_message_stops_receiving_for_good_and_nothing_from_it_on_is_returned_or_acknowledged()
            throws Exception {
        String topic = RealPulsar.newTopic("poison-receiver");
        PulsarEventCodec codec = new PulsarEventCodec();
        List<WalletEvent> good = events.interleaved(5, "andrei");
        WalletEvent afterPoison = events.next("andrei");
        MessageId poison;
        try (PulsarBatchReceiver receiver = subscribe(topic, 100)) {
            for (WalletEvent event : good) {
                RealPulsar.sendRaw(connection, topic, event.walletId().value(), codec.encode(event));
            }
            poison = RealPulsar.sendRaw(connection, topic, "andrei", "garbage".getBytes(StandardCharsets.UTF_8));
            RealPulsar.sendRaw(connection, topic, "andrei", codec.encode(afterPoison));

            List<LoggedEvent> returned = receiveUntilUnreadable(receiver, poison);

            assertThat(eventsOf(returned)).isSubsetOf(good).doesNotContain(afterPoison);
            assertThatThrownBy(receiver::receiveBatch).as("it stays stopped")
                    .isInstanceOf(UnreadableEventException.class);
        }
        try (PulsarBatchReceiver restarted = subscribe(topic, 100)) {
            receiveUntilUnreadable(restarted, poison);
        }
    }

    @Test
    void a_receiver_subscribed_after_a_persisted_position_gets_all_after_it_though_the_cursor_is_past_it()
            throws Exception {
        String topic = RealPulsar.newTopic("seek-back");
        List<WalletEvent> appended = events.interleaved(300, "andrei", "maria");
        appendAllWithAWriter(topic, appended);
        List<LoggedEvent> all;
        try (PulsarBatchReceiver receiver = subscribe(topic, 50)) {
            all = receiveAll(receiver, appended.size());
            // The cursor well past the persisted position: the new consumer is sent the messages
            // after the cursor before it seeks, and none of them may come first.
            receiver.acknowledgeUpTo(after(all.get(200).position()));
        }
        int persisted = indexInsideABatch(all);
        assertThat(persisted).isLessThan(150);

        List<LoggedEvent> again;
        try (PulsarBatchReceiver resumed = subscribeAfter(topic, after(all.get(persisted).position()))) {
            again = receiveThrough(resumed, all.get(all.size() - 1));
        }

        int first = all.indexOf(again.get(0));
        assertThat(first).as("the first event received again, from the persisted position's entry")
                .isBetween(0, persisted + 1);
        assertThat(again).containsExactlyElementsOf(all.subList(first, all.size()));
    }

    @Test
    void a_receiver_subscribed_with_nothing_persisted_gets_the_whole_topic_again() throws Exception {
        String topic = RealPulsar.newTopic("seek-earliest");
        List<WalletEvent> appended = events.interleaved(40, "andrei");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendOneByOne(log, appended);
        }
        List<LoggedEvent> all;
        try (PulsarBatchReceiver receiver = subscribe(topic, 50)) {
            all = receiveAll(receiver, appended.size());
            receiver.acknowledgeUpTo(after(all.get(all.size() - 1).position()));
        }

        List<LoggedEvent> again;
        try (PulsarBatchReceiver resumed = subscribeAfter(topic, LogPositions.none())) {
            again = receiveThrough(resumed, all.get(all.size() - 1));
        }

        assertThat(again).containsExactlyElementsOf(all);
    }

    private List<LoggedEvent> receiveUntilUnreadable(PulsarBatchReceiver receiver, MessageId poison) throws Exception {
        List<LoggedEvent> returned = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                returned.addAll(receiver.receiveBatch());
            } catch (UnreadableEventException unreadable) {
                assertThat(MessageId.fromByteArray(unreadable.position().position())).isEqualTo(poison);
                return returned;
            }
        }
        throw new AssertionError("no unreadable message within " + PATIENCE + "; returned " + returned);
    }

    private static PulsarBatchReceiver subscribe(String topic, int maxBatchMessages) {
        return PulsarBatchReceiver.subscribe(connection, PulsarBatchReceiverSettings.defaults()
                .withTopic(topic, "test-batch-consumer").withBatches(maxBatchMessages, Duration.ofMillis(100)));
    }

    private static PulsarBatchReceiver subscribeAfter(String topic, LogPositions persisted) {
        return PulsarBatchReceiver.subscribeAfter(connection, PulsarBatchReceiverSettings.defaults()
                .withTopic(topic, "test-batch-consumer").withBatches(50, Duration.ofMillis(100)), persisted);
    }

    private static void appendAllWithAWriter(String topic, List<WalletEvent> appended) throws Exception {
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendAll(log, appended);
        }
    }

    private static List<List<LoggedEvent>> receiveBatches(PulsarBatchReceiver receiver, int count) {
        List<List<LoggedEvent>> batches = new ArrayList<>();
        int received = 0;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (received < count && System.nanoTime() < deadline) {
            List<LoggedEvent> batch = receiver.receiveBatch();
            if (!batch.isEmpty()) {
                batches.add(batch);
                received += batch.size();
            }
        }
        return batches;
    }

    private static List<LoggedEvent> receiveAll(PulsarBatchReceiver receiver, int count) {
        List<LoggedEvent> received = receiveBatches(receiver, count).stream().flatMap(List::stream).toList();
        assertThat(received).hasSizeGreaterThanOrEqualTo(count);
        return received;
    }

    /** Receives until the given event came; fails if it does not within {@link #PATIENCE}. */
    private static List<LoggedEvent> receiveThrough(PulsarBatchReceiver receiver, LoggedEvent last) {
        List<LoggedEvent> received = new ArrayList<>();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!received.contains(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + last + " within " + PATIENCE + "; received " + received.size());
            }
            received.addAll(receiver.receiveBatch());
        }
        return received;
    }

    private static PulsarBatchReceiver whicheverReceives(PulsarBatchReceiver first, PulsarBatchReceiver second) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!first.receiveBatch().isEmpty()) {
                return first;
            }
            if (!second.receiveBatch().isEmpty()) {
                return second;
            }
        }
        throw new AssertionError("neither consumer received anything within " + PATIENCE);
    }

    private static int indexInsideABatch(List<LoggedEvent> all) throws Exception {
        for (int i = 0; i < all.size(); i++) {
            MessageIdAdv id = RealPulsar.messageIdOf(all.get(i).position());
            if (id.getBatchIndex() > 0 && id.getBatchIndex() < id.getBatchSize() - 1) {
                return i;
            }
        }
        throw new AssertionError("no event inside a batch");
    }
}
