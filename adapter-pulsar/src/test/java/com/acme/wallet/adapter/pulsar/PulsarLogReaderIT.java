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
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reading the log back from stored positions, as the REST API does at startup and in recovery,
 * against a real broker: exclusive starts, starts inside batches, the end as of the call, poison.
 */
class PulsarLogReaderIT {

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
    void an_empty_topic_reads_as_nothing_without_waiting_for_a_message() {
        String topic = RealPulsar.newTopic("empty");
        PulsarLogReader reader = new PulsarLogReader(connection, readerOn(topic));
        assertThat(readAfter(reader, LogPositions.none())).as("first read, which also creates the topic").isEmpty();
        long startNanos = System.nanoTime();

        List<LoggedEvent> read = readAfter(reader, LogPositions.none());

        assertThat(read).isEmpty();
        // A reader that waited for a message would wait out its 10 s read timeout; 6 s tells the two
        // apart even on a loaded machine, where 2 s did not always.
        assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void a_read_after_a_stored_position_returns_only_the_later_events() throws Exception {
        String topic = RealPulsar.newTopic("after-position");
        List<WalletEvent> appended = events.interleaved(10, "andrei", "maria");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendOneByOne(log, appended);
        }
        PulsarLogReader reader = new PulsarLogReader(connection, readerOn(topic));
        List<LoggedEvent> all = readAfter(reader, LogPositions.none());

        List<LoggedEvent> afterFourth = readAfter(reader, after(all.get(3).position()));
        List<LoggedEvent> afterLast = readAfter(reader, after(all.get(9).position()));

        assertThat(eventsOf(afterFourth)).containsExactlyElementsOf(appended.subList(4, 10));
        assertThat(afterFourth).containsExactlyElementsOf(all.subList(4, 10));
        assertThat(afterLast).isEmpty();
    }

    @Test
    void a_read_from_a_position_inside_a_batch_resumes_at_the_next_message_of_that_batch() throws Exception {
        String topic = RealPulsar.newTopic("inside-batch");
        List<WalletEvent> appended = events.interleaved(2_000, "andrei", "maria", "ion");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendAll(log, appended);
        }
        PulsarLogReader reader = new PulsarLogReader(connection, readerOn(topic));
        List<LoggedEvent> all = readAfter(reader, LogPositions.none());
        assertThat(eventsOf(all)).containsExactlyElementsOf(appended);

        for (int index : interestingIndexes(all)) {
            List<LoggedEvent> rest = readAfter(reader, after(all.get(index).position()));

            assertThat(rest).as("read after event %d at %s", index, all.get(index).position())
                    .containsExactlyElementsOf(all.subList(index + 1, all.size()));
        }
    }

    @Test
    void a_read_stops_at_the_end_the_log_had_when_it_started_even_while_events_are_appended() throws Exception {
        String topic = RealPulsar.newTopic("end-as-of-start");
        List<WalletEvent> before = events.interleaved(100, "andrei", "maria");
        List<WalletEvent> during = events.interleaved(300, "andrei", "maria");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendAll(log, before);
            PulsarLogReader reader = new PulsarLogReader(connection, readerOn(topic));
            List<LoggedEvent> read = new ArrayList<>();
            AtomicBoolean appendedDuringRead = new AtomicBoolean();

            reader.readAfter(LogPositions.none(), logged -> {
                read.add(logged);
                if (appendedDuringRead.compareAndSet(false, true)) {
                    appendConfirmed(log, during);
                }
            });

            assertThat(eventsOf(read)).containsExactlyElementsOf(before);
            assertThat(eventsOf(readAfter(reader, after(read.get(read.size() - 1).position()))))
                    .containsExactlyElementsOf(during);
        }
    }

    @Test
    void positions_of_another_partition_are_refused() {
        String topic = RealPulsar.newTopic("foreign-position");
        PulsarLogReader reader = new PulsarLogReader(connection, readerOn(topic));
        LogPosition foreign = new LogPosition("persistent://public/default/other", MessageId.earliest.toByteArray());

        assertThatThrownBy(() -> reader.readAfter(after(foreign), logged -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(topic);
    }

    @Test
    void a_poison_message_stops_the_read_at_its_position_and_nothing_after_it_is_handed_over() throws Exception {
        String topic = RealPulsar.newTopic("poison-reader");
        PulsarEventCodec codec = new PulsarEventCodec();
        List<WalletEvent> good = events.interleaved(3, "andrei");
        for (WalletEvent event : good) {
            RealPulsar.sendRaw(connection, topic, event.walletId().value(), codec.encode(event));
        }
        byte[] notAnEvent = "{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8);
        MessageId poison = RealPulsar.sendRaw(connection, topic, "andrei", notAnEvent);
        WalletEvent afterPoison = events.next("andrei");
        RealPulsar.sendRaw(connection, topic, "andrei", codec.encode(afterPoison));
        List<LoggedEvent> handedOver = new ArrayList<>();

        PulsarLogReader reader = new PulsarLogReader(connection, readerOn(topic));

        assertThatThrownBy(() -> reader.readAfter(LogPositions.none(), handedOver::add))
                .isInstanceOfSatisfying(UnreadableEventException.class, unreadable -> {
                    assertThat(unreadable.position().partition()).isEqualTo(topic);
                    assertThat(messageIdOf(unreadable.position())).isEqualTo(poison);
                });
        assertThat(eventsOf(handedOver)).containsExactlyElementsOf(good);
    }

    @Test
    void an_event_under_another_wallet_s_key_is_unreadable_too() throws Exception {
        String topic = RealPulsar.newTopic("wrong-key");
        WalletEvent event = events.next("andrei");
        RealPulsar.sendRaw(connection, topic, "maria", new PulsarEventCodec().encode(event));

        assertThatThrownBy(() -> readAfter(new PulsarLogReader(connection, readerOn(topic)), LogPositions.none()))
                .isInstanceOf(UnreadableEventException.class)
                .hasMessageContaining("key");
    }

    /** The first and last events, and the first, a middle and the last event of several batches. */
    private static List<Integer> interestingIndexes(List<LoggedEvent> all) throws Exception {
        List<Integer> indexes = new ArrayList<>(List.of(0, all.size() - 1));
        int batchesSeen = 0;
        for (int i = 0; i < all.size() && batchesSeen < 4; i++) {
            MessageIdAdv id = RealPulsar.messageIdOf(all.get(i).position());
            if (id.getBatchIndex() == 0 && id.getBatchSize() > 2) {
                indexes.addAll(List.of(i, i + id.getBatchSize() / 2, i + id.getBatchSize() - 1));
                batchesSeen++;
            }
        }
        assertThat(batchesSeen).as("the burst was batched").isGreaterThan(0);
        return indexes;
    }

    private static MessageId messageIdOf(LogPosition position) {
        try {
            return MessageId.fromByteArray(position.position());
        } catch (java.io.IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    private static void appendConfirmed(PulsarEventLog log, List<WalletEvent> more) {
        try {
            appendAll(log, more);
        } catch (Exception failure) {
            throw new AssertionError(failure);
        }
    }

    @Test
    void every_position_finds_its_own_event_also_inside_a_pulsar_batch() throws Exception {
        String topic = RealPulsar.newTopic("event-at");
        List<WalletEvent> appended = events.interleaved(200, "andrei", "maria");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendAll(log, appended);
        }
        PulsarLogReader reader = new PulsarLogReader(connection, readerOn(topic));
        List<LoggedEvent> all = readAfter(reader, LogPositions.none());
        assertThat(all.stream().anyMatch(logged -> batchIndexOf(logged) > 0)).as("some events share a batch").isTrue();

        for (LoggedEvent logged : List.of(all.get(0), all.get(1), all.get(57), all.get(all.size() - 1))) {
            assertThat(reader.eventAt(logged.position())).as("at %s", logged.position()).contains(logged);
        }
    }

    @Test
    void a_position_of_a_re_created_topic_is_not_found_whether_the_new_topic_is_empty_or_not() throws Exception {
        String topic = RealPulsar.newTopic("re-created");
        List<WalletEvent> appended = events.interleaved(6, "andrei");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendOneByOne(log, appended.subList(0, 3));
        }
        PulsarLogReader reader = new PulsarLogReader(connection, readerOn(topic));
        List<LoggedEvent> old = readAfter(reader, LogPositions.none());
        RealPulsar.deleteTopic(topic);

        assertThat(reader.eventAt(old.get(2).position())).as("the topic empty again").isEmpty();
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendOneByOne(log, appended.subList(3, 6));
        }
        assertThat(reader.eventAt(old.get(0).position())).as("the new topic holding events").isEmpty();
        assertThat(reader.eventAt(old.get(2).position())).isEmpty();
    }

    @Test
    void a_position_past_the_topic_s_end_or_of_another_topic_is_not_found() throws Exception {
        String topic = RealPulsar.newTopic("short");
        String later = RealPulsar.newTopic("later");
        List<WalletEvent> appended = events.interleaved(2, "andrei");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendOneByOne(log, appended.subList(0, 1));
        }
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(later))) {
            appendOneByOne(log, appended.subList(1, 2));
        }
        PulsarLogReader reader = new PulsarLogReader(connection, readerOn(topic));
        LogPosition ofLater = readAfter(new PulsarLogReader(connection, readerOn(later)), LogPositions.none())
                .get(0).position();

        assertThat(reader.eventAt(new LogPosition(topic, ofLater.position()))).as("a later ledger's id").isEmpty();
        assertThat(reader.eventAt(ofLater)).as("named for another topic").isEmpty();
        assertThat(reader.eventAt(new LogPosition(topic, new byte[] {1, 2, 3}))).as("no message id").isEmpty();
    }

    private static int batchIndexOf(LoggedEvent logged) {
        try {
            return RealPulsar.messageIdOf(logged.position()).getBatchIndex();
        } catch (java.io.IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }
}
