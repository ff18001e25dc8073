package com.acme.wallet.adapter.pulsar;

import static com.acme.wallet.adapter.pulsar.RealPulsar.appendAll;
import static com.acme.wallet.adapter.pulsar.RealPulsar.assertStrictlyIncreasing;
import static com.acme.wallet.adapter.pulsar.RealPulsar.eventsOf;
import static com.acme.wallet.adapter.pulsar.RealPulsar.readAfter;
import static com.acme.wallet.adapter.pulsar.RealPulsar.readerOn;
import static com.acme.wallet.adapter.pulsar.RealPulsar.writerOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.adapter.pulsar.PulsarEventLogSettings.Access;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.WalletEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Reader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Appending to a real broker: durability, order, positions and fencing of a second writer. */
class PulsarEventLogIT {

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
    void confirmed_events_are_read_back_by_a_new_client_in_order_with_increasing_positions() throws Exception {
        String topic = RealPulsar.newTopic("durable");
        List<WalletEvent> appended = events.interleaved(300, "andrei", "maria", "ion");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendAll(log, appended);
        }

        List<LoggedEvent> read;
        try (PulsarConnection freshClient = RealPulsar.connect()) {
            read = readAfter(new PulsarLogReader(freshClient, readerOn(topic)), LogPositions.none());
        }

        assertThat(eventsOf(read)).containsExactlyElementsOf(appended);
        assertStrictlyIncreasing(topic, read);
    }

    @Test
    void each_event_carries_the_name_of_its_caller_in_a_message_property_and_a_barrier_none() throws Exception {
        String topic = RealPulsar.newTopic("callers");
        List<WalletEvent> appended = events.interleaved(2, "andrei");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            log.append(appended.get(0), new Caller("game-server")).toCompletableFuture().get(30, TimeUnit.SECONDS);
            log.appendBarrier().toCompletableFuture().get(30, TimeUnit.SECONDS);
            log.append(appended.get(1)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        }

        List<Map<String, String>> properties = new ArrayList<>();
        try (Reader<byte[]> reader = connection.client().newReader().topic(topic).startMessageId(MessageId.earliest)
                .create()) {
            for (int read = 0; read < 3; read++) {
                Message<byte[]> message = reader.readNext(30, TimeUnit.SECONDS);
                assertThat(message).as("message %s of the topic", read).isNotNull();
                properties.add(message.getProperties());
            }
        }
        assertThat(properties).containsExactly(Map.of(PulsarEventLog.CALLER_PROPERTY, "game-server"), Map.of(),
                Map.of(PulsarEventLog.CALLER_PROPERTY, "anonymous"));
        try (PulsarConnection freshClient = RealPulsar.connect()) {
            assertThat(eventsOf(readAfter(new PulsarLogReader(freshClient, readerOn(topic)), LogPositions.none())))
                    .as("readers of the events see the events only").containsExactlyElementsOf(appended);
        }
    }

    @Test
    void events_appended_in_one_burst_share_batches_yet_keep_their_order() throws Exception {
        String topic = RealPulsar.newTopic("burst");
        List<WalletEvent> appended = events.interleaved(1_000, "andrei", "maria");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendAll(log, appended);
        }

        List<LoggedEvent> read = readAfter(new PulsarLogReader(connection, readerOn(topic)), LogPositions.none());

        assertThat(eventsOf(read)).containsExactlyElementsOf(appended);
        assertThat(RealPulsar.messageIdOf(read.get(1).position()).getBatchIndex())
                .as("a burst is batched, so positions carry batch indexes").isGreaterThanOrEqualTo(0);
    }

    @Test
    void a_second_exclusive_writer_on_the_topic_is_refused_and_the_first_keeps_writing() throws Exception {
        String topic = RealPulsar.newTopic("fenced");
        try (PulsarEventLog first = PulsarEventLog.open(connection, writerOn(topic))) {

            assertThatThrownBy(() -> PulsarEventLog.open(connection, writerOn(topic)))
                    .isInstanceOf(PulsarWriterFencedException.class)
                    .hasMessageContaining(topic);

            appendAll(first, List.of(events.next("andrei")));
        }
        assertThat(readAfter(new PulsarLogReader(connection, readerOn(topic)), LogPositions.none())).hasSize(1);
    }

    @Test
    void a_writer_from_another_client_is_refused_too() throws Exception {
        String topic = RealPulsar.newTopic("fenced-other-client");
        try (PulsarEventLog first = PulsarEventLog.open(connection, writerOn(topic));
                PulsarConnection secondInstance = RealPulsar.connect()) {

            assertThatThrownBy(() -> PulsarEventLog.open(secondInstance, writerOn(topic)))
                    .isInstanceOf(PulsarWriterFencedException.class);
            assertThat(first.isConnected()).as("the first writer keeps the topic").isTrue();
        }
    }

    @Test
    void a_standby_writer_waits_and_takes_over_once_the_first_writer_closes() throws Exception {
        String topic = RealPulsar.newTopic("standby");
        List<WalletEvent> byFirst = List.of(events.next("andrei"), events.next("andrei"));
        List<WalletEvent> byStandby = List.of(events.next("andrei"));
        PulsarEventLogSettings standbySettings =
                writerOn(topic).withAccess(Access.WAIT_FOR_EXCLUSIVE, Duration.ofSeconds(30));
        PulsarEventLog first = PulsarEventLog.open(connection, writerOn(topic));
        CompletableFuture<PulsarEventLog> standby =
                CompletableFuture.supplyAsync(() -> PulsarEventLog.open(connection, standbySettings));
        try {
            Thread.sleep(1_000);
            assertThat(standby).as("the standby waits while the first writer holds the topic").isNotDone();
            appendAll(first, byFirst);
        } finally {
            first.close();
        }

        try (PulsarEventLog takenOver = standby.get(30, TimeUnit.SECONDS)) {
            appendAll(takenOver, byStandby);
        }

        List<WalletEvent> expected = new ArrayList<>(byFirst);
        expected.addAll(byStandby);
        assertThat(eventsOf(readAfter(new PulsarLogReader(connection, readerOn(topic)), LogPositions.none())))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void a_standby_gives_up_after_its_create_timeout_and_holds_nothing_afterwards() throws Exception {
        String topic = RealPulsar.newTopic("standby-timeout");
        PulsarEventLogSettings impatient = writerOn(topic).withAccess(Access.WAIT_FOR_EXCLUSIVE, Duration.ofSeconds(1));
        try (PulsarEventLog first = PulsarEventLog.open(connection, writerOn(topic))) {
            long startNanos = System.nanoTime();

            assertThatThrownBy(() -> PulsarEventLog.open(connection, impatient))
                    .isInstanceOf(PulsarUnavailableException.class)
                    .isNotInstanceOf(PulsarWriterFencedException.class)
                    .hasMessageContaining("within");

            // Its create timeout is 1 s; one that was not applied would wait the default 30 s. 15 s
            // tells them apart on a loaded machine too.
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(15));
            assertThat(first.isConnected()).as("the first writer keeps the topic").isTrue();
        }
        // Had the abandoned standby been granted the topic and kept it, this would be refused.
        try (PulsarEventLog next = openWithRetries(writerOn(topic), Duration.ofSeconds(10))) {
            appendAll(next, List.of(events.next("andrei")));
        }
    }

    @Test
    void appending_after_close_fails_at_once() {
        String topic = RealPulsar.newTopic("closed");
        PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic));
        log.close();

        CompletableFuture<LogPosition> append = log.append(events.next("andrei")).toCompletableFuture();

        assertThat(append).isCompletedExceptionally();
        assertThat(log.isConnected()).isFalse();
    }

    private static PulsarEventLog openWithRetries(PulsarEventLogSettings settings, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return PulsarEventLog.open(connection, settings);
            } catch (PulsarWriterFencedException stillHeld) {
                if (System.nanoTime() > deadline) {
                    throw stillHeld;
                }
                Thread.sleep(200);
            }
        }
    }
}
