package com.acme.wallet.bench;

import com.acme.wallet.adapter.http.WalletApiJson;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The architecture ceiling: the {@link BareServer} plus one Pulsar message per change, answered
 * only once the broker has acknowledged it. No wallet, no ordering per wallet, no deduplication:
 * what "write every request to Pulsar" costs at least, against which the service's design is
 * judged.
 *
 * <p>The request thread never waits: the send is asynchronous and the answer is written from the
 * acknowledgement's callback through Javalin's {@code ctx.future}.
 */
public final class NaivePulsarServer implements AutoCloseable {

    /** Each send is failed, and answered 503, if the broker has not acknowledged it within this. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(3);

    /** The most messages awaiting the broker; one more fails at once (503) instead of blocking a thread. */
    public static final int MAX_PENDING_MESSAGES = 20_000;

    private static final Logger LOG = LoggerFactory.getLogger(NaivePulsarServer.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final PulsarClient client;
    private final Producer<byte[]> producer;
    private final AtomicLong failedSends = new AtomicLong();
    private CeilingServer server;

    private NaivePulsarServer(PulsarClient client, Producer<byte[]> producer) {
        this.client = client;
        this.producer = producer;
    }

    /**
     * Connects to Pulsar, creates the producer and starts listening.
     *
     * @param port the HTTP port, 0 for any free one
     * @param pulsarUrl the broker's service URL
     * @param topic the topic every message goes to
     * @return the listening server
     * @throws PulsarClientException if the client or the producer cannot be created
     */
    public static NaivePulsarServer start(int port, String pulsarUrl, String topic) throws PulsarClientException {
        Objects.requireNonNull(pulsarUrl, "pulsarUrl");
        Objects.requireNonNull(topic, "topic");
        // The client with Pulsar's defaults throughout.
        PulsarClient client = PulsarClient.builder().serviceUrl(pulsarUrl).build();
        NaivePulsarServer naive = null;
        try {
            // Pulsar's default producer (batching on: up to 1,000 messages or 1 ms per batch; no
            // compression; the client's 64 MiB memory limit) except for three settings: a send is
            // failed after 3 s instead of 30 s, a full queue fails the send (503) instead of blocking
            // a Jetty thread, and at most 20,000 messages await the broker.
            Producer<byte[]> producer = client.newProducer()
                    .topic(topic)
                    .sendTimeout(Math.toIntExact(SEND_TIMEOUT.toMillis()), TimeUnit.MILLISECONDS)
                    .blockIfQueueFull(false)
                    .maxPendingMessages(MAX_PENDING_MESSAGES)
                    .create();
            naive = new NaivePulsarServer(client, producer);
            WalletApiJson json = new WalletApiJson();
            naive.server = CeilingServer.start(port, json, naive.sender(json));
            return naive;
        } catch (PulsarClientException | RuntimeException failure) {
            if (naive != null) {
                naive.close();
            } else {
                closeQuietly(client);
            }
            throw failure;
        }
    }

    /** {@return the port the server listens on} */
    public int port() {
        return server.port();
    }

    /** Stops taking requests, waits for those in flight, then closes the producer and the client. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        try {
            producer.closeAsync().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failure) {
            LOG.warn("closing the Pulsar producer failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(client);
        LOG.info("naive Pulsar server stopped; {} sends failed", failedSends.get());
    }

    private CeilingServer.ChangeHandler sender(WalletApiJson json) {
        return (ctx, request) -> {
            byte[] payload = NaiveMessage.of(request).toJson();
            CompletableFuture<MessageId> sent = producer.newMessage()
                    .key(request.command().walletId().value())
                    .value(payload)
                    .sendAsync();
            ctx.future(() -> sent.handle((messageId, failure) -> answer(ctx, json, request, failure)));
        };
    }

    private Void answer(Context ctx, WalletApiJson json, ChangeRequest request, Throwable failure) {
        if (failure == null) {
            json.answerChange(ctx, request.acceptedWithoutState());
            return null;
        }
        // Under overload every send may fail; one line for the first, then a count at the end.
        if (failedSends.getAndIncrement() == 0) {
            LOG.warn("a Pulsar send failed; later failures are only counted", failure);
        }
        ctx.status(503).json(CeilingReplies.UNAVAILABLE);
        return null;
    }

    private static void closeQuietly(PulsarClient client) {
        try {
            client.closeAsync().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failure) {
            LOG.warn("closing the Pulsar client failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
