package com.acme.wallet.adapter.pulsar;

import java.time.Duration;
import java.util.Objects;

/**
 * The producer of the event log, every setting chosen on purpose rather than left to the client's
 * defaults (which have changed between Pulsar versions).
 *
 * @param topic the log's topic, {@code persistent://tenant/namespace/topic}, not partitioned
 * @param producerName the producer's fixed name; it shows who holds the topic in the broker's
 *     statistics and keeps the broker's per-producer sequence numbers stable across restarts
 * @param access how the producer shares the topic: never, failing at once if another writer holds it
 *     ({@link Access#EXCLUSIVE}), or by waiting until it is released ({@link Access#WAIT_FOR_EXCLUSIVE},
 *     a hot standby)
 * @param createTimeout the longest wait for the producer, including for exclusive access
 * @param sendTimeout the longest wait for the broker's confirmation of one event; never zero, which
 *     in Pulsar means "retry forever" and would leave a reply hanging
 * @param closeTimeout the longest wait, on close, for events already sent to be confirmed
 * @param batchingMaxDelay how long an event may wait for others to share its batch
 * @param batchingMaxMessages the most events in one batch
 * @param batchingMaxBytes the most bytes in one batch
 * @param maxPendingMessages the most events awaiting confirmation; one more fails at once
 */
public record PulsarEventLogSettings(
        String topic,
        String producerName,
        Access access,
        Duration createTimeout,
        Duration sendTimeout,
        Duration closeTimeout,
        Duration batchingMaxDelay,
        int batchingMaxMessages,
        int batchingMaxBytes,
        int maxPendingMessages) {

    /** The wallet's event log unless configured otherwise. */
    public static final String DEFAULT_TOPIC = PulsarTopics.DEFAULT_TOPIC;


    /** How the producer shares the topic with other writers. */
    public enum Access {
        /** No other producer may exist; creating this one fails at once if another does. */
        EXCLUSIVE,
        /** Waits until no other exclusive producer exists, then holds the topic alone: a hot standby. */
        WAIT_FOR_EXCLUSIVE
    }

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a name is invalid, a duration not positive or a limit below 1
     */
    public PulsarEventLogSettings {
        PulsarTopics.requirePersistentTopic(topic);
        PulsarTopics.requireSimpleName("producer name", producerName);
        Objects.requireNonNull(access, "access");
        Durations.requirePositive("createTimeout", createTimeout);
        Durations.requirePositive("sendTimeout", sendTimeout);
        Durations.requirePositive("closeTimeout", closeTimeout);
        Durations.requirePositive("batchingMaxDelay", batchingMaxDelay);
        if (batchingMaxMessages < 1 || batchingMaxBytes < 1024 || maxPendingMessages < 1) {
            throw new IllegalArgumentException(
                    "batch limits and the pending limit must be positive, batches at least 1 KiB");
        }
    }

    /**
     * The defaults for the REST API, the one writer of the log.
     *
     * <ul>
     *   <li>topic {@code persistent://public/default/transactions}, producer {@code wallet-rest-api},
     *       exclusive access: a second instance fails to start instead of writing beside the first;
     *   <li>up to 30 s to create the producer (a topic may take seconds to load after a restart);
     *   <li>3 s send timeout: the writer answers a write after at most 5 s, so a failure reaches it
     *       before the client gives up;
     *   <li>batches of at most 1 ms, 1,000 events or 128 KiB: one event waits at most a millisecond,
     *       many events share one write to the bookies;
     *   <li>20,000 pending events, above the writer's 10,000 in flight, so the producer never refuses
     *       an event for space while the writer keeps its own limit;
     *   <li>10 s on close to confirm events already sent.
     * </ul>
     *
     * @return the settings
     */
    public static PulsarEventLogSettings defaults() {
        return new PulsarEventLogSettings(PulsarTopics.DEFAULT_TOPIC, "wallet-rest-api", Access.EXCLUSIVE,
                Duration.ofSeconds(30), Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofMillis(1),
                1_000, 128 * 1024, 20_000);
    }

    /**
     * These settings on another topic.
     *
     * @param otherTopic the topic
     * @return the changed settings
     */
    public PulsarEventLogSettings withTopic(String otherTopic) {
        return new PulsarEventLogSettings(otherTopic, producerName, access, createTimeout, sendTimeout, closeTimeout,
                batchingMaxDelay, batchingMaxMessages, batchingMaxBytes, maxPendingMessages);
    }

    /**
     * These settings with another access mode and creation timeout.
     *
     * @param otherAccess the access mode
     * @param otherCreateTimeout the longest wait for the producer
     * @return the changed settings
     */
    public PulsarEventLogSettings withAccess(Access otherAccess, Duration otherCreateTimeout) {
        return new PulsarEventLogSettings(topic, producerName, otherAccess, otherCreateTimeout, sendTimeout,
                closeTimeout, batchingMaxDelay, batchingMaxMessages, batchingMaxBytes, maxPendingMessages);
    }

    /**
     * These settings with another send timeout.
     *
     * @param otherSendTimeout the send timeout
     * @return the changed settings
     */
    public PulsarEventLogSettings withSendTimeout(Duration otherSendTimeout) {
        return new PulsarEventLogSettings(topic, producerName, access, createTimeout, otherSendTimeout, closeTimeout,
                batchingMaxDelay, batchingMaxMessages, batchingMaxBytes, maxPendingMessages);
    }
}
