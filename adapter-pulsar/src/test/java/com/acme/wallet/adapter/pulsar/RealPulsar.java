package com.acme.wallet.adapter.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.testsupport.TestPulsar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.ProducerAccessMode;
import org.apache.pulsar.client.api.Schema;

/** Shortcuts for the integration tests, all against the real broker of {@link TestPulsar}. */
final class RealPulsar {

    static final Duration WAIT = Duration.ofSeconds(30);

    private RealPulsar() {}

    /** {@return a new client of the test broker, with the production defaults} */
    static PulsarConnection connect() {
        return PulsarConnection.open(PulsarConnectionSettings.defaults(TestPulsar.broker().serviceUrl()));
    }

    /** {@return a topic no other test uses} */
    static String newTopic(String purpose) {
        return TestPulsar.uniqueTopic(purpose);
    }

    /** {@return the production writer settings on a test topic} */
    static PulsarEventLogSettings writerOn(String topic) {
        return PulsarEventLogSettings.defaults().withTopic(topic);
    }

    /** {@return the production reader settings on a test topic} */
    static PulsarLogReaderSettings readerOn(String topic) {
        return PulsarLogReaderSettings.defaults().withTopic(topic);
    }

    /** {@return the production topic setup on a test topic and subscription} */
    static PulsarTopicSetupSettings setupOf(String topic, String subscription) {
        return PulsarTopicSetupSettings.defaults(TestPulsar.broker().adminUrl()).withTopic(topic, subscription);
    }

    /**
     * Appends events without waiting in between, so that the producer batches them, then waits
     * until every one is confirmed.
     */
    static void appendAll(AppendWalletEventsPort log, List<WalletEvent> events) throws Exception {
        List<CompletableFuture<LogPosition>> appends = new ArrayList<>();
        for (WalletEvent event : events) {
            appends.add(log.append(event).toCompletableFuture());
        }
        CompletableFuture.allOf(appends.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Appends events one by one, each confirmed before the next is sent: one entry each. */
    static void appendOneByOne(AppendWalletEventsPort log, List<WalletEvent> events) throws Exception {
        for (WalletEvent event : events) {
            log.append(event).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** {@return everything the reader hands over after the positions} */
    static List<LoggedEvent> readAfter(PulsarLogReader reader, LogPositions positions) {
        List<LoggedEvent> read = new ArrayList<>();
        reader.readAfter(positions, read::add);
        return read;
    }

    /** {@return the events of logged events, in order} */
    static List<WalletEvent> eventsOf(List<LoggedEvent> logged) {
        return logged.stream().map(LoggedEvent::event).toList();
    }

    /** {@return positions holding just this one} */
    static LogPositions after(LogPosition position) {
        return LogPositions.of(List.of(position));
    }

    /** {@return the Pulsar message id a position holds} */
    static MessageIdAdv messageIdOf(LogPosition position) throws IOException {
        return (MessageIdAdv) MessageId.fromByteArray(position.position());
    }

    /**
     * Sends raw bytes with a plain producer of its own (not batched, shared access), as a foreign
     * or buggy writer would.
     *
     * @return the message's id
     */
    static MessageId sendRaw(PulsarConnection connection, String topic, String key, byte[] payload) throws Exception {
        try (Producer<byte[]> producer = connection.client().newProducer(Schema.BYTES).topic(topic)
                .accessMode(ProducerAccessMode.Shared).enableBatching(false)
                .sendTimeout(10, TimeUnit.SECONDS).create()) {
            return producer.newMessage().key(key).value(payload).send();
        }
    }

    /**
     * Deletes a topic with everything in it through the admin API, as an operator replacing it
     * would; the next producer creates it again, with new ledgers.
     */
    static void deleteTopic(String topic) throws Exception {
        HttpRequest delete = HttpRequest.newBuilder(URI.create(TestPulsar.broker().adminUrl() + "/admin/v2/"
                + PulsarTopics.adminPath(topic) + "?force=true")).timeout(WAIT).DELETE().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(delete, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("deleting %s: %s", topic, response.body()).isBetween(200, 299);
    }

    /** Checks that positions are of the topic and strictly increase in log order. */
    static void assertStrictlyIncreasing(String topic, List<LoggedEvent> logged) throws IOException {
        MessageId previous = MessageId.earliest;
        for (LoggedEvent event : logged) {
            assertThat(event.position().partition()).isEqualTo(topic);
            MessageId current = MessageId.fromByteArray(event.position().position());
            assertThat(current).isGreaterThan(previous);
            previous = current;
        }
    }
}
