package com.acme.wallet.adapter.pulsar;

import static com.acme.wallet.adapter.pulsar.RealPulsar.writerOn;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.wallet.application.port.out.WriterFencedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.ProducerAccessMode;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A writer whose producer the broker fenced off while it ran learns it from its next append, as a
 * {@link WriterFencedException}, so that it can stop reporting itself ready.
 */
class PulsarEventLogFencedIT {

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
    void appends_and_barriers_after_another_writer_fenced_this_one_off_fail_as_fenced() throws Exception {
        String topic = RealPulsar.newTopic("fenced-while-running");
        try (PulsarEventLog log = PulsarEventLog.open(connection, writerOn(topic))) {
            log.append(events.next("andrei")).toCompletableFuture().get(30, TimeUnit.SECONDS);

            try (Producer<byte[]> usurper = connection.client().newProducer(Schema.BYTES).topic(topic)
                    .accessMode(ProducerAccessMode.ExclusiveWithFencing).create()) {
                CompletableFuture<?> append = log.append(events.next("andrei")).toCompletableFuture();
                CompletableFuture<?> barrier = log.appendBarrier().toCompletableFuture();

                assertThat(Await.failureOf(append)).isInstanceOf(WriterFencedException.class);
                assertThat(Await.failureOf(barrier)).isInstanceOf(WriterFencedException.class);
                assertThat(usurper.isConnected()).isTrue();
            }
        }
    }

    /** Waits, boundedly, for a stage to fail and returns why. */
    private static final class Await {

        static Throwable failureOf(CompletableFuture<?> stage) throws InterruptedException {
            try {
                stage.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException failed) {
                return failed.getCause();
            } catch (java.util.concurrent.TimeoutException notSettled) {
                throw new AssertionError("not settled within 30 s", notSettled);
            }
            throw new AssertionError("succeeded, but was expected to fail");
        }
    }
}
