package com.acme.wallet.adapter.pulsar;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.adapter.pulsar.PulsarEventLogSettings.Access;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.domain.WalletEvent;
import com.acme.wallet.testsupport.TestPulsar;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An append the broker does not confirm in time fails within the send timeout, as "outcome
 * unknown". The broker is made unresponsive for the topic by a publish rate of one byte a second:
 * it stops reading from the producer's connection, which looks to the client exactly like a broker
 * that hangs.
 */
class PulsarEventLogUnconfirmedIT {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(1);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestEvents events = new TestEvents();

    @Test
    void an_append_the_broker_does_not_confirm_fails_within_the_send_timeout_as_outcome_unknown() throws Exception {
        String topic = RealPulsar.newTopic("unconfirmed");
        String publishRate =
                TestPulsar.broker().adminUrl() + "/admin/v2/" + PulsarTopics.adminPath(topic) + "/publishRate";
        PulsarConnectionSettings impatientClient = new PulsarConnectionSettings(TestPulsar.broker().serviceUrl(),
                Duration.ofSeconds(3), Duration.ofSeconds(3), 64L * 1024 * 1024, PulsarCredentials.NONE);
        PulsarEventLogSettings writer = new PulsarEventLogSettings(topic, "wallet-rest-api", Access.EXCLUSIVE,
                Duration.ofSeconds(10), SEND_TIMEOUT, Duration.ofSeconds(3), Duration.ofMillis(1),
                1_000, 128 * 1024, 20_000);
        WalletEvent confirmed;
        try (PulsarConnection connection = PulsarConnection.open(impatientClient);
                PulsarEventLog log = PulsarEventLog.open(connection, writer)) {
            confirmed = events.next("andrei");
            log.append(confirmed).toCompletableFuture().get(10, TimeUnit.SECONDS);
            send("POST", publishRate, "{\"publishThrottlingRateInMsg\":1,\"publishThrottlingRateInByte\":1}");

            Failure failure = appendUntilOneFails(log);

            assertThat(failure.cause()).isInstanceOf(PulsarUnavailableException.class)
                    .hasMessageContaining("may or may not be in the log");
            assertThat(failure.after()).isLessThanOrEqualTo(SEND_TIMEOUT.multipliedBy(2).plusMillis(500));
            send("DELETE", publishRate, null);
        }
        // Read on a connection of its own: the broker may keep the throttled one paused a while longer.
        try (PulsarConnection reading = RealPulsar.connect()) {
            PulsarLogReader reader = new PulsarLogReader(reading, RealPulsar.readerOn(topic));
            assertThat(RealPulsar.readAfter(reader, LogPositions.none()))
                    .extracting(logged -> logged.event()).startsWith(confirmed);
        }
    }

    /** Appends one event at a time until the throttle, which takes effect shortly, makes one fail. */
    private Failure appendUntilOneFails(PulsarEventLog log) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            long startNanos = System.nanoTime();
            CompletableFuture<LogPosition> append = log.append(events.next("andrei")).toCompletableFuture();
            try {
                append.get(10, TimeUnit.SECONDS);
            } catch (ExecutionException failed) {
                return new Failure(failed.getCause(), Duration.ofNanos(System.nanoTime() - startNanos));
            }
        }
        throw new AssertionError("every append was confirmed despite the throttle");
    }

    private static void send(String method, String url, String body) throws Exception {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isBetween(200, 299);
    }

    /** An append that failed, and how long after it was made. */
    private record Failure(Throwable cause, Duration after) {}
}
