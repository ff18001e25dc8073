package com.acme.wallet.adapter.pulsar;

import java.time.Duration;

/**
 * How the batch consumer receives the log.
 *
 * @param topic the log's topic, {@code persistent://tenant/namespace/topic}, not partitioned
 * @param subscriptionName the durable subscription; its position is where persisting resumes, and
 *     the broker keeps every message it has not acknowledged
 * @param maxBatchMessages the most events in one batch; also how many the consumer fetches ahead
 * @param maxBatchBytes the most bytes in one batch
 * @param maxBatchWait the longest wait for a batch to fill; a batch is returned when it is full or
 *     this time has passed, possibly empty
 * @param operationTimeout the longest wait for subscribing and for the broker to confirm an
 *     acknowledgement
 */
public record PulsarBatchReceiverSettings(
        String topic,
        String subscriptionName,
        int maxBatchMessages,
        int maxBatchBytes,
        Duration maxBatchWait,
        Duration operationTimeout) {

    /** The batch consumer's subscription unless configured otherwise. */
    public static final String DEFAULT_SUBSCRIPTION = "wallet-batch-consumer";

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a name is invalid, a limit outside its range or a duration
     *     not positive
     */
    public PulsarBatchReceiverSettings {
        PulsarTopics.requirePersistentTopic(topic);
        PulsarTopics.requireSimpleName("subscription name", subscriptionName);
        if (maxBatchMessages < 1 || maxBatchMessages > 50_000) {
            throw new IllegalArgumentException("batch size must be 1 to 50,000 messages, not " + maxBatchMessages);
        }
        if (maxBatchBytes < 64 * 1024) {
            throw new IllegalArgumentException("batch byte limit must be at least 64 KiB, not " + maxBatchBytes);
        }
        Durations.requirePositive("maxBatchWait", maxBatchWait);
        Durations.requirePositive("operationTimeout", operationTimeout);
    }

    /**
     * The defaults: the default topic and subscription, batches of at most 1,000 events, 4 MiB or
     * 100 ms (an event reaches PostgreSQL a tenth of a second after it was written while the load is
     * light, and in batches of a thousand under load), 10 s per broker operation.
     *
     * @return the settings
     */
    public static PulsarBatchReceiverSettings defaults() {
        return new PulsarBatchReceiverSettings(PulsarTopics.DEFAULT_TOPIC, DEFAULT_SUBSCRIPTION, 1_000,
                4 * 1024 * 1024, Duration.ofMillis(100), Duration.ofSeconds(10));
    }

    /**
     * These settings on another topic and subscription.
     *
     * @param otherTopic the topic
     * @param otherSubscription the subscription
     * @return the changed settings
     */
    public PulsarBatchReceiverSettings withTopic(String otherTopic, String otherSubscription) {
        return new PulsarBatchReceiverSettings(otherTopic, otherSubscription, maxBatchMessages, maxBatchBytes,
                maxBatchWait, operationTimeout);
    }

    /**
     * These settings with other batch limits.
     *
     * @param otherMaxMessages the most events in one batch
     * @param otherMaxWait the longest wait for a batch to fill
     * @return the changed settings
     */
    public PulsarBatchReceiverSettings withBatches(int otherMaxMessages, Duration otherMaxWait) {
        return new PulsarBatchReceiverSettings(topic, subscriptionName, otherMaxMessages, maxBatchBytes, otherMaxWait,
                operationTimeout);
    }
}
