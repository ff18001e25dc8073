package com.acme.wallet.adapter.pulsar;

import java.time.Duration;

/**
 * How the log is read back.
 *
 * @param topic the log's topic, {@code persistent://tenant/namespace/topic}, not partitioned
 * @param readTimeout the longest wait for each step of a read: creating the reader, asking for the
 *     topic's last message, and each next message while the end is not reached yet
 * @param receiverQueueSize how many messages the reader fetches ahead of the caller
 */
public record PulsarLogReaderSettings(String topic, Duration readTimeout, int receiverQueueSize) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if the topic is invalid, the timeout not positive or the
     *     queue size outside 1 to 50,000
     */
    public PulsarLogReaderSettings {
        PulsarTopics.requirePersistentTopic(topic);
        Durations.requirePositive("readTimeout", readTimeout);
        if (receiverQueueSize < 1 || receiverQueueSize > 50_000) {
            throw new IllegalArgumentException("receiver queue size must be 1 to 50,000, not " + receiverQueueSize);
        }
    }

    /**
     * The defaults: the default topic, 10 s per step (a broker that stalls longer is treated as
     * unavailable and the caller retries), 1,000 messages fetched ahead (the client's default).
     *
     * @return the settings
     */
    public static PulsarLogReaderSettings defaults() {
        return new PulsarLogReaderSettings(PulsarTopics.DEFAULT_TOPIC, Duration.ofSeconds(10), 1_000);
    }

    /**
     * These settings on another topic.
     *
     * @param otherTopic the topic
     * @return the changed settings
     */
    public PulsarLogReaderSettings withTopic(String otherTopic) {
        return new PulsarLogReaderSettings(otherTopic, readTimeout, receiverQueueSize);
    }
}
