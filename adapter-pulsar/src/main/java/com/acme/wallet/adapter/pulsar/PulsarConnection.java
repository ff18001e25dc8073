package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.application.Redaction;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.AuthenticationFactory;
import org.apache.pulsar.client.api.ClientBuilder;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.SizeUnit;

/**
 * One Pulsar client, shared by the event log, the reader and the batch receiver of a program.
 *
 * <p>Building it does not contact the broker; the first producer, reader or consumer does. Close
 * it last, after the producers and consumers created on it: closing it ends them all.
 */
public final class PulsarConnection implements AutoCloseable {

    private final PulsarClient client;
    private final PulsarConnectionSettings settings;

    /** The first pause before reconnecting to a broker that went away. */
    static final Duration RECONNECT_BACKOFF_MIN = Duration.ofMillis(100);
    /**
     * The longest pause between reconnection attempts: the client's default of 60 s would leave
     * writes failing for up to a minute after the broker is back; 2 s costs a few connection
     * attempts a second at most.
     */
    static final Duration RECONNECT_BACKOFF_MAX = Duration.ofSeconds(2);

    private PulsarConnection(PulsarClient client, PulsarConnectionSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /**
     * Builds the client with explicit timeouts and memory limit.
     *
     * @param settings where the broker is and the limits
     * @return the connection
     * @throws PulsarUnavailableException if the client cannot be built (an invalid URL)
     */
    public static PulsarConnection open(PulsarConnectionSettings settings) {
        Objects.requireNonNull(settings, "settings");
        try {
            ClientBuilder builder = PulsarClient.builder()
                    .serviceUrl(settings.serviceUrl())
                    .operationTimeout(Durations.millis(settings.operationTimeout()), TimeUnit.MILLISECONDS)
                    .lookupTimeout(Durations.millis(settings.operationTimeout()), TimeUnit.MILLISECONDS)
                    .connectionTimeout(Durations.millis(settings.connectionTimeout()), TimeUnit.MILLISECONDS)
                    .memoryLimit(settings.memoryLimitBytes(), SizeUnit.BYTES)
                    .startingBackoffInterval(RECONNECT_BACKOFF_MIN.toMillis(), TimeUnit.MILLISECONDS)
                    .maxBackoffInterval(RECONNECT_BACKOFF_MAX.toMillis(), TimeUnit.MILLISECONDS);
            return new PulsarConnection(withCredentials(builder, settings.credentials()).build(), settings);
        } catch (PulsarClientException failure) {
            throw new PulsarUnavailableException("cannot build a Pulsar client for " + Redaction.hideCredentials(settings.serviceUrl()), failure);
        }
    }

    /**
     * Presents the token, read again at every (re)connection so that a rotated token file is picked
     * up, and trusts the given certificates, verifying the broker's host name.
     */
    private static ClientBuilder withCredentials(ClientBuilder builder, PulsarCredentials credentials) {
        PulsarToken token = credentials.token();
        if (token.isPresent()) {
            builder.authentication(AuthenticationFactory.token(() -> token.current().orElseThrow()));
        }
        builder.enableTlsHostnameVerification(true).allowTlsInsecureConnection(false);
        credentials.tlsTrustCertsFile().ifPresent(file -> builder.tlsTrustCertsFilePath(file.toString()));
        return builder;
    }

    /** {@return the settings the client was built with} */
    public PulsarConnectionSettings settings() {
        return settings;
    }

    /** {@return the client, for the adapters of this package} */
    PulsarClient client() {
        return client;
    }

    /**
     * Closes the client and with it every producer, reader and consumer still open on it.
     *
     * @throws PulsarUnavailableException if closing fails
     */
    @Override
    public void close() {
        try {
            client.close();
        } catch (PulsarClientException failure) {
            throw new PulsarUnavailableException("closing the Pulsar client failed", failure);
        }
    }
}
