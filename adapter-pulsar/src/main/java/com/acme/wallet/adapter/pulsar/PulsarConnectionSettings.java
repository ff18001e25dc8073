package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.application.Redaction;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the Pulsar broker, and the client-wide limits.
 *
 * @param serviceUrl the broker's binary protocol URL, such as {@code pulsar://127.0.0.1:6650}
 * @param operationTimeout the longest wait for one broker operation: creating a producer, a reader
 *     or a consumer, looking up a topic, asking for its last message id, confirming an
 *     acknowledgement (the client's default is 30 s)
 * @param connectionTimeout the longest wait for a TCP connection to the broker (the client's default
 *     is 10 s)
 * @param memoryLimitBytes the client's memory for messages waiting to be sent; a send that would pass
 *     it fails at once (the client's default is 64 MiB, stated here explicitly)
 * @param credentials the token to present and the certificates to trust
 */
public record PulsarConnectionSettings(String serviceUrl, Duration operationTimeout, Duration connectionTimeout,
        long memoryLimitBytes, PulsarCredentials credentials) {

    /** A broker on this machine at the default port. */
    public static final String DEFAULT_SERVICE_URL = "pulsar://127.0.0.1:6650";

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if the URL is not a {@code pulsar://} or {@code pulsar+ssl://}
     *     URL, a timeout is not positive, the memory limit is below 1 MiB, or the credentials do not
     *     fit the URL ({@link PulsarCredentials#requireUsableWith})
     */
    public PulsarConnectionSettings {
        Objects.requireNonNull(serviceUrl, "serviceUrl");
        if (!serviceUrl.startsWith("pulsar://") && !serviceUrl.startsWith("pulsar+ssl://")) {
            throw new IllegalArgumentException(
                    "service URL must start with pulsar:// or pulsar+ssl://, not " + Redaction.hideCredentials(serviceUrl));
        }
        Durations.requirePositive("operationTimeout", operationTimeout);
        Durations.requirePositive("connectionTimeout", connectionTimeout);
        if (memoryLimitBytes < 1024 * 1024) {
            throw new IllegalArgumentException(
                    "memory limit must be at least 1 MiB, not " + memoryLimitBytes + " bytes");
        }
        Objects.requireNonNull(credentials, "credentials");
        credentials.requireUsableWith("WALLET_PULSAR_URL", serviceUrl);
    }

    /**
     * The defaults for a broker: 10 s per operation (enough for a topic to load after a broker
     * restart, short enough that a startup notices a dead broker), 5 s to connect, 64 MiB of memory
     * (20,000 pending events of about 300 bytes need about 6 MiB), no credentials.
     *
     * @param serviceUrl the broker's URL
     * @return the settings
     */
    public static PulsarConnectionSettings defaults(String serviceUrl) {
        return new PulsarConnectionSettings(
                serviceUrl, Duration.ofSeconds(10), Duration.ofSeconds(5), 64L * 1024 * 1024, PulsarCredentials.NONE);
    }

    /**
     * These settings with credentials.
     *
     * @param otherCredentials the token and trusted certificates
     * @return the changed settings
     * @throws IllegalArgumentException if the credentials do not fit the URL
     */
    public PulsarConnectionSettings withCredentials(PulsarCredentials otherCredentials) {
        return new PulsarConnectionSettings(serviceUrl, operationTimeout, connectionTimeout, memoryLimitBytes,
                otherCredentials);
    }
}
