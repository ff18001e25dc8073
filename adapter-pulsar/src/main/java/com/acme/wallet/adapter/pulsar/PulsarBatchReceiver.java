package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.application.port.out.LogPosition;
import com.acme.wallet.application.port.out.LogPositions;
import com.acme.wallet.application.port.out.LoggedEvent;
import com.acme.wallet.application.port.out.ReceiveEventBatchesPort;
import com.acme.wallet.application.port.out.UnreadableEventException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pulsar.client.api.BatchReceivePolicy;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.apache.pulsar.client.api.Messages;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionMode;
import org.apache.pulsar.client.api.SubscriptionType;
import org.apache.pulsar.client.impl.MessageIdImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the event log in batches through a durable {@link SubscriptionType#Failover}
 * subscription, for the batch consumer that persists it.
 *
 * <h2>Order and standby</h2>
 * With Failover, one consumer of the subscription receives everything, in log order, and others
 * wait as hot standbys: if the active one goes away, the next takes over from the last
 * acknowledged position. (A Shared subscription would spread one wallet's events over consumers
 * and does not allow cumulative acknowledgement.)
 *
 * <h2>Acknowledgement</h2>
 * {@link #acknowledgeUpTo} acknowledges cumulatively, only once the caller has persisted the
 * events, and waits for the broker's confirmation. Delivery is at least once: after a crash, a
 * reconnect or a failover, events up to a whole Pulsar batch before the acknowledged position may
 * come again; the persister ignores repeats.
 *
 * <h2>Unreadable messages</h2>
 * A message that is not a readable event makes {@link #receiveBatch} throw an
 * {@link UnreadableEventException}, and every later call throws it again: the message is never
 * acknowledged or skipped, and nothing after it is returned, so persisting stops there until an
 * operator deals with it. A restarted consumer stops at the same message.
 *
 * <p>The subscription starts at the topic's first message when it is created. Create it before the
 * first event is written ({@link PulsarTopicSetup}, or {@link #createSubscription}), so that the
 * broker retains every event until it is acknowledged. Not for concurrent use: one thread receives
 * and acknowledges.
 */
public final class PulsarBatchReceiver implements ReceiveEventBatchesPort, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarBatchReceiver.class);

    private final Consumer<byte[]> consumer;
    private final PulsarBatchReceiverSettings settings;
    private final PulsarEventCodec codec = new PulsarEventCodec();
    private Map<ByteBuffer, MessageId> lastBatchIds = Map.of();
    /** The last message of the last batch handed out, a barrier or an event; null once acknowledged. */
    private MessageId unacknowledgedBatchEnd;
    private LogPosition lastBatchLastEvent;
    private UnreadableEventException stoppedAt;

    private PulsarBatchReceiver(Consumer<byte[]> consumer, PulsarBatchReceiverSettings settings) {
        this.consumer = consumer;
        this.settings = settings;
    }

    /**
     * Subscribes, creating the subscription at the topic's first message if it does not exist.
     *
     * @param connection the Pulsar client
     * @param settings the topic, subscription and batch limits
     * @return the receiver
     * @throws PulsarUnavailableException if subscribing fails or takes longer than
     *     {@code operationTimeout}
     */
    public static PulsarBatchReceiver subscribe(PulsarConnection connection, PulsarBatchReceiverSettings settings) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(settings, "settings");
        Consumer<byte[]> consumer = subscribeConsumer(connection, settings);
        LOG.info("subscribed to {} as {} (failover)", settings.topic(), settings.subscriptionName());
        return new PulsarBatchReceiver(consumer, settings);
    }

    /**
     * Subscribes like {@link #subscribe}, then moves the subscription to resume right after the
     * positions persisted elsewhere (PostgreSQL's), whatever its cursor says: after PostgreSQL was
     * restored from a backup, the events between the backup and the cursor are delivered again
     * instead of never being persisted.
     *
     * <p>The seek goes to the <em>entry</em> of the persisted position, not to its batch index:
     * delivery restarts at that entry (the client drops a single-message entry it was sought to,
     * so it may restart right after it), and when the entry is a Pulsar batch the whole batch
     * comes again, the persisted events in it included. Repeats are ignored, while a seek inside a
     * batch would depend on details of the client's batch-index handling. With no persisted
     * position it goes to the topic's first message. A seek resets the subscription for every
     * consumer on it: the broker disconnects them, and a standby's own start moves the active
     * consumer back to the persisted positions too, which again costs only repeats.
     *
     * @param connection the Pulsar client
     * @param settings the topic, subscription and batch limits
     * @param persisted the last persisted position of the topic, if any; checked beforehand to be
     *     in the topic (see {@code OneHistoryCheck})
     * @return the receiver, positioned
     * @throws IllegalArgumentException if a position is of another topic
     * @throws PulsarUnavailableException if subscribing or seeking fails or takes longer than
     *     {@code operationTimeout}
     */
    public static PulsarBatchReceiver subscribeAfter(PulsarConnection connection, PulsarBatchReceiverSettings settings,
            LogPositions persisted) {
        Objects.requireNonNull(persisted, "persisted");
        for (LogPosition position : persisted.all()) {
            if (!position.partition().equals(settings.topic())) {
                throw new IllegalArgumentException("position " + position + " is not of topic " + settings.topic());
            }
        }
        MessageId target = persisted.of(settings.topic())
                .map(position -> entryOf(PulsarLoggedEvents.messageIdOf(settings.topic(), position)))
                .orElse(MessageId.earliest);
        PulsarBatchReceiver receiver = subscribe(connection, settings);
        try {
            await(receiver.consumer.seekAsync(target), "seeking " + settings.subscriptionName() + " to " + target,
                    settings);
        } catch (PulsarUnavailableException failure) {
            receiver.close();
            throw failure;
        }
        LOG.info("{} resumes at {} (the entry of PostgreSQL's last persisted position, or the first message)",
                settings.subscriptionName(), target);
        return receiver;
    }

    private static MessageId entryOf(MessageId id) {
        MessageIdAdv position = (MessageIdAdv) id;
        return new MessageIdImpl(position.getLedgerId(), position.getEntryId(), position.getPartitionIndex());
    }

    /**
     * Creates the subscription at the topic's first message if it does not exist, and leaves it
     * without a consumer. From then on the broker keeps every message until the subscription
     * acknowledges it. {@link PulsarTopicSetup} does the same through the admin API.
     *
     * @param connection the Pulsar client
     * @param settings the topic and subscription
     * @throws PulsarUnavailableException if subscribing fails or takes longer than
     *     {@code operationTimeout}
     */
    public static void createSubscription(PulsarConnection connection, PulsarBatchReceiverSettings settings) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(settings, "settings");
        Consumer<byte[]> consumer = subscribeConsumer(connection, settings);
        await(consumer.closeAsync(), "closing the consumer that created the subscription", settings);
    }

    /**
     * {@inheritDoc}
     *
     * @throws PulsarUnavailableException if receiving fails
     */
    @Override
    public synchronized List<LoggedEvent> receiveBatch() {
        if (stoppedAt != null) {
            throw new UnreadableEventException(stoppedAt.position(), "receiving stopped here earlier", stoppedAt);
        }
        Messages<byte[]> messages;
        try {
            messages = consumer.batchReceive();
        } catch (PulsarClientException failure) {
            throw new PulsarUnavailableException("receiving from " + settings.topic() + " failed", failure);
        }
        return decodeAll(messages);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Acknowledges cumulatively and waits up to {@code operationTimeout} for the broker to
     * confirm. A failure here loses nothing: the events are delivered again and ignored as repeats.
     *
     * @throws IllegalArgumentException if a position is of another partition than this topic
     * @throws PulsarUnavailableException if the broker does not confirm
     */
    @Override
    public synchronized void acknowledgeUpTo(LogPositions positions) {
        Objects.requireNonNull(positions, "positions");
        for (LogPosition position : positions.all()) {
            if (!position.partition().equals(settings.topic())) {
                throw new IllegalArgumentException("position " + position + " is not of topic " + settings.topic());
            }
        }
        Optional<LogPosition> last = positions.of(settings.topic());
        if (last.isPresent()) {
            // Up to the batch's last message when it ends in barriers, which need no persisting.
            boolean wholeBatch = last.get().equals(lastBatchLastEvent);
            MessageId upTo = wholeBatch ? unacknowledgedBatchEnd : messageIdOf(last.get());
            await(consumer.acknowledgeCumulativeAsync(upTo), "acknowledging " + last.get(), settings);
            if (wholeBatch) {
                unacknowledgedBatchEnd = null;
                lastBatchLastEvent = null;
            }
        }
    }

    /** {@return whether this consumer is connected to the broker now; for health checks} */
    public boolean isConnected() {
        return consumer.isConnected();
    }

    /**
     * Closes the consumer; the subscription and its position stay. Acknowledgements already
     * confirmed are kept; everything else is delivered again to the next consumer.
     */
    @Override
    public void close() {
        try {
            await(consumer.closeAsync(), "closing the consumer", settings);
        } catch (PulsarUnavailableException failure) {
            LOG.warn("closing the consumer of {} failed; the broker redelivers what was not acknowledged",
                    settings.topic(), failure);
        }
    }

    private List<LoggedEvent> decodeAll(Messages<byte[]> messages) {
        List<LoggedEvent> events = new ArrayList<>(messages.size());
        Map<ByteBuffer, MessageId> ids = new HashMap<>();
        MessageId batchEnd = null;
        for (Message<byte[]> message : messages) {
            try {
                PulsarLoggedEvents.decode(codec, settings.topic(), message).ifPresent(events::add);
                batchEnd = message.getMessageId();
            } catch (UnreadableEventException unreadable) {
                stoppedAt = unreadable;
                LOG.error("unreadable message in {}; the batch consumer stops here and acknowledges nothing "
                        + "from it on: {}", settings.topic(), unreadable.getMessage(), unreadable);
                throw unreadable;
            }
            ids.put(ByteBuffer.wrap(message.getMessageId().toByteArray()), message.getMessageId());
        }
        lastBatchIds = ids;
        if (batchEnd != null && events.isEmpty() && unacknowledgedBatchEnd == null) {
            // Only barriers, and everything before them acknowledged, so persisted: nothing to
            // persist, and acknowledging them keeps the subscription's backlog at zero.
            await(consumer.acknowledgeCumulativeAsync(batchEnd), "acknowledging barriers up to " + batchEnd, settings);
        } else if (batchEnd != null) {
            unacknowledgedBatchEnd = batchEnd;
            lastBatchLastEvent = events.isEmpty() ? null : events.get(events.size() - 1).position();
        }
        return events;
    }

    /**
     * The id to acknowledge. An id received in the last batch is used as is: it carries the state
     * Pulsar needs to acknowledge the whole entry when the position ends a Pulsar batch. An id
     * restored from bytes lacks it, so Pulsar then acknowledges only up to the previous entry and
     * redelivers that batch after a restart, which is safe.
     */
    private MessageId messageIdOf(LogPosition position) {
        MessageId received = lastBatchIds.get(ByteBuffer.wrap(position.position()));
        return received != null ? received : PulsarLoggedEvents.messageIdOf(settings.topic(), position);
    }

    private static Consumer<byte[]> subscribeConsumer(
            PulsarConnection connection, PulsarBatchReceiverSettings settings) {
        BatchReceivePolicy batches = BatchReceivePolicy.builder()
                .maxNumMessages(settings.maxBatchMessages())
                .maxNumBytes(settings.maxBatchBytes())
                .timeout(Durations.millis(settings.maxBatchWait()), TimeUnit.MILLISECONDS)
                .build();
        CompletableFuture<Consumer<byte[]>> subscribing = connection.client().newConsumer(Schema.BYTES)
                .topic(settings.topic())
                .subscriptionName(settings.subscriptionName())
                .subscriptionType(SubscriptionType.Failover)
                .subscriptionMode(SubscriptionMode.Durable)
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                .receiverQueueSize(settings.maxBatchMessages())
                .batchReceivePolicy(batches)
                // Never redeliver on a timer: a batch may stay unacknowledged for minutes while
                // PostgreSQL is down, and that is fine.
                .ackTimeout(0, TimeUnit.MILLISECONDS)
                // Acknowledge at once and wait for the broker's receipt, so a returned
                // acknowledgeUpTo means the position is stored.
                .acknowledgmentGroupTime(0, TimeUnit.MILLISECONDS)
                .isAckReceiptEnabled(true)
                .subscribeAsync();
        try {
            return await(subscribing, "subscribing " + settings.subscriptionName(), settings);
        } catch (PulsarUnavailableException failure) {
            subscribing.thenAccept(Consumer::closeAsync);
            throw failure;
        }
    }

    private static <T> T await(CompletableFuture<T> future, String step, PulsarBatchReceiverSettings settings) {
        try {
            return future.get(settings.operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new PulsarUnavailableException("interrupted while " + step + " on " + settings.topic(), interrupted);
        } catch (ExecutionException failure) {
            throw new PulsarUnavailableException(step + " on " + settings.topic() + " failed", failure.getCause());
        } catch (TimeoutException timeout) {
            throw new PulsarUnavailableException(step + " on " + settings.topic() + " took longer than "
                    + settings.operationTimeout(), timeout);
        }
    }
}
