package com.acme.wallet.adapter.pulsar;

import static com.acme.wallet.adapter.pulsar.RealPulsar.after;
import static com.acme.wallet.adapter.pulsar.RealPulsar.appendAll;
import static com.acme.wallet.adapter.pulsar.RealPulsar.eventsOf;
import static com.acme.wallet.adapter.pulsar.RealPulsar.setupOf;
import static com.acme.wallet.adapter.pulsar.RealPulsar.writerOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.testsupport.TestPulsar;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The topic, its retention and the batch consumer's subscription, set up through the real admin API. */
class PulsarTopicSetupIT {

    private static final String SUBSCRIPTION = "setup-test-consumer";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

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
    void the_topic_gets_unlimited_retention_no_deletion_while_inactive_and_the_subscription_and_again_changes_nothing()
            throws Exception {
        String topic = RealPulsar.newTopic("setup");
        PulsarTopicSetup setup = new PulsarTopicSetup(setupOf(topic, SUBSCRIPTION));

        setup.ensure();
        setup.ensure();

        String path = "/admin/v2/" + PulsarTopics.adminPath(topic);
        assertThat(get(path + "/partitions")).contains("\"partitions\":0");
        assertThat(get(path + "/retention?applied=true"))
                .contains("\"retentionTimeInMinutes\":-1").contains("\"retentionSizeInMB\":-1");
        assertThat(get(path + "/inactiveTopicPolicies?applied=true")).contains("\"deleteWhileInactive\":false");
        assertThat(get(path + "/subscriptions")).isEqualTo("[\"" + SUBSCRIPTION + "\"]");
    }

    @Test
    void events_written_before_the_batch_consumer_ever_ran_are_all_delivered_to_it() throws Exception {
        String topic = RealPulsar.newTopic("setup-before-consumer");
        new PulsarTopicSetup(setupOf(topic, SUBSCRIPTION)).ensure();
        List<WalletEvent> written = events.interleaved(50, "andrei", "maria");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendAll(log, written);
        }

        try (PulsarBatchReceiver receiver = PulsarBatchReceiver.subscribe(connection, receiverOn(topic))) {
            assertThat(eventsOf(receiveAtLeast(receiver, written.size()))).containsExactlyElementsOf(written);
        }
    }

    @Test
    void ensuring_again_never_moves_an_existing_subscription_back() throws Exception {
        String topic = RealPulsar.newTopic("setup-keeps-position");
        PulsarTopicSetup setup = new PulsarTopicSetup(setupOf(topic, SUBSCRIPTION));
        setup.ensure();
        List<WalletEvent> written = events.interleaved(10, "andrei");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            RealPulsar.appendOneByOne(log, written);
        }
        List<LoggedEvent> received;
        try (PulsarBatchReceiver receiver = PulsarBatchReceiver.subscribe(connection, receiverOn(topic))) {
            received = receiveAtLeast(receiver, written.size());
            receiver.acknowledgeUpTo(after(received.get(6).position()));
        }

        setup.ensure();

        try (PulsarBatchReceiver receiver = PulsarBatchReceiver.subscribe(connection, receiverOn(topic))) {
            assertThat(receiveAtLeast(receiver, 3)).containsExactlyElementsOf(received.subList(7, 10));
        }
    }

    @Test
    void the_receiver_can_create_its_subscription_up_front_too() throws Exception {
        String topic = RealPulsar.newTopic("subscription-up-front");
        PulsarBatchReceiver.createSubscription(connection, receiverOn(topic));
        List<WalletEvent> written = events.interleaved(5, "andrei");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            appendAll(log, written);
        }

        try (PulsarBatchReceiver receiver = PulsarBatchReceiver.subscribe(connection, receiverOn(topic))) {
            assertThat(eventsOf(receiveAtLeast(receiver, written.size()))).containsExactlyElementsOf(written);
        }
    }

    @Test
    void a_partitioned_topic_is_refused() throws Exception {
        String topic = RealPulsar.newTopic("partitioned");
        String topicPath = "/admin/v2/" + PulsarTopics.adminPath(topic);
        URI partitions = URI.create(TestPulsar.broker().adminUrl() + topicPath + "/partitions");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(partitions)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("2")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(204);

        assertThatThrownBy(() -> new PulsarTopicSetup(setupOf(topic, SUBSCRIPTION)).ensure())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("partitioned");
    }

    @Test
    void an_admin_api_that_does_not_answer_fails_within_the_request_timeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PulsarTopicSetupSettings nobodyThere = new PulsarTopicSetupSettings("http://127.0.0.1:" + closedPort,
                RealPulsar.newTopic("unreachable"), SUBSCRIPTION, Duration.ofSeconds(2), PulsarCredentials.NONE);

        assertThatThrownBy(() -> new PulsarTopicSetup(nobodyThere).ensure())
                .isInstanceOf(PulsarUnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort);
    }

    private static PulsarBatchReceiverSettings receiverOn(String topic) {
        return PulsarBatchReceiverSettings.defaults().withTopic(topic, SUBSCRIPTION);
    }

    private static List<LoggedEvent> receiveAtLeast(PulsarBatchReceiver receiver, int count) {
        List<LoggedEvent> received = new ArrayList<>();
        long deadline = System.nanoTime() + RealPulsar.WAIT.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            received.addAll(receiver.receiveBatch());
        }
        assertThat(received).hasSizeGreaterThanOrEqualTo(count);
        return received;
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(TestPulsar.broker().adminUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }
}
