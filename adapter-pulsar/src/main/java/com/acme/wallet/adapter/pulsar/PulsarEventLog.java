package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.application.port.out.AppendWalletEventsPort;
import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.domain.WalletEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.pulsar.client.api.BatcherBuilder;
import org.apache.pulsar.client.api.CompressionType;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.ProducerAccessMode;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.TypedMessageBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable event log on a Pulsar topic: appends wallet events with one exclusive producer.
 *
 * <h2>What a completed append means</h2>
 * The stage {@link #append} returns completes normally once the broker has confirmed the event,
 * that is, once the bookies have stored it. It completes exceptionally with a
 * {@link PulsarUnavailableException} when the outcome is unknown: the send timed out, the queue
 * was full, the connection broke, the producer was fenced. Such an event may still be in the log
 * (Pulsar may have stored it and lost only the confirmation), so the caller must read the log back
 * before deciding again. Every stage completes within {@code sendTimeout} in the normal course
 * (Pulsar then fails every pending event at once) and within twice {@code sendTimeout} at the very
 * latest: a guard here then fails it with a {@link TimeoutException}, which means the same.
 *
 * <h2>Order</h2>
 * The message key is the wallet id. All events go through one producer, which keeps their order,
 * also across batches and reconnections.
 *
 * <h2>Fencing</h2>
 * The producer holds the topic exclusively ({@link PulsarEventLogSettings.Access}). A second
 * instance of the writer fails to create its producer ({@link PulsarWriterFencedException}), or
 * with {@code WAIT_FOR_EXCLUSIVE} waits as a hot standby until the first one's producer is closed
 * or its connection is gone. The producer is created once and never replaced: when it reconnects
 * after a broken connection, the broker checks that no other writer took the topic meanwhile and
 * fences it otherwise, so an old writer can never append behind a newer one's back. Take the
 * producer <em>before</em> reading the log's tail at startup, or an old instance could still append
 * after the tail was read.
 *
 * <h2>Threads</h2>
 * {@link #append} never blocks: the producer is set never to block on a full queue. Completions are
 * handed from Pulsar's I/O thread to one thread of this log, so that what callers do on completion
 * (take a wallet's lock, reply) never stalls the connection.
 */
public final class PulsarEventLog implements AppendWalletEventsPort, AutoCloseable {

    /** The message property that names the caller who asked for an event's change: the audit trail. */
    public static final String CALLER_PROPERTY = "wallet-caller";

    private static final Logger LOG = LoggerFactory.getLogger(PulsarEventLog.class);

    private final Producer<byte[]> producer;
    private final PulsarEventLogSettings settings;
    private final PulsarEventCodec codec = new PulsarEventCodec();
    private final ThreadPoolExecutor completions;
    private final Duration settleTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PulsarEventLog(Producer<byte[]> producer, PulsarEventLogSettings settings) {
        this.producer = producer;
        this.settings = settings;
        this.settleTimeout = settings.sendTimeout().multipliedBy(2);
        this.completions = completionThread(settings.maxPendingMessages());
    }

    /**
     * Creates the producer and with it the log, waiting until the topic is held exclusively.
     *
     * @param connection the Pulsar client
     * @param settings the producer's settings
     * @return the log, ready to append
     * @throws PulsarWriterFencedException if another writer holds the topic (in
     *     {@code EXCLUSIVE} mode)
     * @throws PulsarUnavailableException if the producer is not created within
     *     {@code createTimeout}, for example while another writer still holds the topic in
     *     {@code WAIT_FOR_EXCLUSIVE} mode
     */
    public static PulsarEventLog open(PulsarConnection connection, PulsarEventLogSettings settings) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(settings, "settings");
        CompletableFuture<Producer<byte[]>> creating = createProducer(connection.client(), settings);
        try {
            Producer<byte[]> producer = creating.get();
            LOG.info("holding {} as producer {} ({})", settings.topic(), producer.getProducerName(), settings.access());
            return new PulsarEventLog(producer, settings);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new PulsarUnavailableException("interrupted while creating the producer", interrupted);
        } catch (ExecutionException failure) {
            throw creationFailure(settings, failure.getCause());
        }
    }

    @Override
    public CompletionStage<LogPosition> append(WalletEvent event) {
        return append(event, Caller.ANONYMOUS);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The caller's name goes into the message's property {@value #CALLER_PROPERTY}, beside the
     * event, not into it: readers of the event never see it, and {@code pulsar-admin topics
     * examine-message} or any consumer can read who asked for the change.
     */
    @Override
    public CompletionStage<LogPosition> append(WalletEvent event, Caller caller) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(caller, "caller");
        return send(event.walletId().value(), Map.of(CALLER_PROPERTY, caller.name()), codec.encode(event),
                () -> "event " + event.eventId() + " (" + event.walletId() + " #" + event.sequence() + ")");
    }

    /**
     * {@inheritDoc}
     *
     * <p>The barrier goes through the same exclusive producer as the events, so the broker stores it
     * after everything this producer sent before, and after everything a producer it fenced sent.
     */
    @Override
    public CompletionStage<LogPosition> appendBarrier() {
        UUID barrierId = UUID.randomUUID();
        return send(null, Map.of(), codec.encodeBarrier(barrierId, Instant.now()), () -> "barrier " + barrierId);
    }

    private CompletionStage<LogPosition> send(String key, Map<String, String> properties, byte[] payload,
            Supplier<String> what) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new PulsarUnavailableException("the event log is closed", null));
        }
        CompletableFuture<LogPosition> settled = new CompletableFuture<>();
        CompletableFuture<MessageId> sending;
        try {
            TypedMessageBuilder<byte[]> message = producer.newMessage().value(payload).properties(properties);
            sending = (key == null ? message : message.key(key)).sendAsync();
        } catch (RuntimeException failure) {
            sending = CompletableFuture.failedFuture(failure);
        }
        if (sending.isCompletedExceptionally()) {
            // Refused at once (a full queue, a closed producer): settled here, on the caller's
            // thread, so that the caller sees the failure before it appends anything else.
            sending.whenComplete((id, failure) -> settle(settled, id, what, failure));
        } else {
            sending.whenComplete((id, failure) -> completions.execute(() -> settle(settled, id, what, failure)));
        }
        // Pulsar fails a send after sendTimeout; this guard only bounds the stage should it not.
        settled.orTimeout(settleTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return settled.minimalCompletionStage();
    }

    /** {@return whether the producer is connected to the broker now; for health checks} */
    public boolean isConnected() {
        return !closed.get() && producer.isConnected();
    }

    /** {@return the settings the log was opened with} */
    public PulsarEventLogSettings settings() {
        return settings;
    }

    /**
     * Sends what is batched, waits up to {@code closeTimeout} for the broker to confirm every event
     * already sent, and releases the topic. Appends after this fail at once. Close the
     * {@link PulsarConnection} afterwards.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            producer.flushAsync().exceptionally(ignored -> null)
                    .thenCompose(flushed -> producer.closeAsync())
                    .get(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("released {} (producer {})", settings.topic(), producer.getProducerName());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException failure) {
            LOG.warn("closing the producer of {} did not finish cleanly; events not yet confirmed fail",
                    settings.topic(), failure);
        }
        completions.shutdown();
        awaitCompletions();
    }

    private void settle(CompletableFuture<LogPosition> settled, MessageId id, Supplier<String> what,
            Throwable failure) {
        if (failure == null) {
            settled.complete(PulsarLoggedEvents.positionOf(settings.topic(), id));
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (isFencedOff(cause)) {
            settled.completeExceptionally(new PulsarWriterFencedException("another writer took " + settings.topic()
                    + " over; append of " + what.get() + " not confirmed, and this writer may append no more", cause));
            return;
        }
        settled.completeExceptionally(new PulsarUnavailableException("append of " + what.get()
                + " not confirmed; it may or may not be in the log", cause));
    }

    private void awaitCompletions() {
        try {
            if (!completions.awaitTermination(settings.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("append completions of {} still running after the close timeout", settings.topic());
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletableFuture<Producer<byte[]>> createProducer(
            PulsarClient client, PulsarEventLogSettings settings) {
        CompletableFuture<Producer<byte[]>> bounded = new CompletableFuture<>();
        CompletableFuture<Producer<byte[]>> creating;
        try {
            creating = client.newProducer(Schema.BYTES)
                    .topic(settings.topic())
                    .producerName(settings.producerName())
                    .accessMode(settings.access() == PulsarEventLogSettings.Access.EXCLUSIVE
                            ? ProducerAccessMode.Exclusive : ProducerAccessMode.WaitForExclusive)
                    .enableBatching(true)
                    // The default batcher keeps send order across keys; the key-based one would not.
                    .batcherBuilder(BatcherBuilder.DEFAULT)
                    .batchingMaxPublishDelay(settings.batchingMaxDelay().toNanos() / 1_000, TimeUnit.MICROSECONDS)
                    .batchingMaxMessages(settings.batchingMaxMessages())
                    .batchingMaxBytes(settings.batchingMaxBytes())
                    .maxPendingMessages(settings.maxPendingMessages())
                    .blockIfQueueFull(false)
                    .sendTimeout(Durations.millis(settings.sendTimeout()), TimeUnit.MILLISECONDS)
                    .compressionType(CompressionType.NONE)
                    .enableChunking(false)
                    .createAsync();
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
        creating.whenComplete((producer, failure) -> {
            if (failure != null) {
                bounded.completeExceptionally(failure);
            } else if (!bounded.complete(producer)) {
                // Granted after we stopped waiting: give the topic back rather than hold it unused.
                producer.closeAsync();
            }
        });
        return bounded.orTimeout(settings.createTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static boolean isFencedOff(Throwable cause) {
        return cause instanceof PulsarClientException.ProducerFencedException
                || cause instanceof PulsarClientException.ProducerBusyException;
    }

    private static RuntimeException creationFailure(PulsarEventLogSettings settings, Throwable failure) {
        if (isFencedOff(failure)) {
            return new PulsarWriterFencedException("another writer holds " + settings.topic()
                    + " exclusively; this one may not append", failure);
        }
        if (failure instanceof TimeoutException) {
            return new PulsarUnavailableException("no producer on " + settings.topic() + " within "
                    + settings.createTimeout() + " (" + settings.access() + ")", failure);
        }
        return new PulsarUnavailableException("cannot create the producer on " + settings.topic(), failure);
    }

    /**
     * One thread for completions. Its queue holds one task per pending event, so it is bounded by
     * the producer's pending limit; should it ever be full, or the log closed, the task runs on
     * the calling thread rather than leave a caller waiting.
     */
    private static ThreadPoolExecutor completionThread(int maxPendingMessages) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(maxPendingMessages + 1_000), runnable -> {
                    Thread thread = new Thread(runnable, "wallet-pulsar-append-completions");
                    thread.setDaemon(true);
                    return thread;
                }, (task, rejectedBy) -> task.run());
        return executor;
    }
}
