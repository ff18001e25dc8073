package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.application.Redaction;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Pulsar admin API is and what {@link PulsarTopicSetup} ensures there.
 *
 * @param adminUrl the broker's web service, such as {@code http://127.0.0.1:8080}
 * @param topic the log's topic, {@code persistent://tenant/namespace/topic}, not partitioned
 * @param subscriptionName the batch consumer's durable subscription
 * @param requestTimeout the longest wait for one admin request, and for a policy to take effect
 * @param credentials the token to present and the certificates to trust
 */
public record PulsarTopicSetupSettings(String adminUrl, String topic, String subscriptionName, Duration requestTimeout,
        PulsarCredentials credentials) {

    /** The admin API of a broker on this machine at the default port. */
    public static final String DEFAULT_ADMIN_URL = "http://127.0.0.1:8080";

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if the URL is not an absolute http(s) URL, a name is invalid
     *     the timeout not positive, or the credentials do not fit the URL
     */
    public PulsarTopicSetupSettings {
        Objects.requireNonNull(adminUrl, "adminUrl");
        URI uri = URI.create(adminUrl);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("admin URL must be an http:// or https:// URL, not " + Redaction.hideCredentials(adminUrl));
        }
        PulsarTopics.requirePersistentTopic(topic);
        PulsarTopics.requireSimpleName("subscription name", subscriptionName);
        Durations.requirePositive("requestTimeout", requestTimeout);
        Objects.requireNonNull(credentials, "credentials");
        credentials.requireUsableWith("WALLET_PULSAR_ADMIN_URL", adminUrl);
    }

    /**
     * The defaults: the given admin URL, the default topic and subscription, 10 s per request, no
     * credentials.
     *
     * @param adminUrl the broker's web service
     * @return the settings
     */
    public static PulsarTopicSetupSettings defaults(String adminUrl) {
        return new PulsarTopicSetupSettings(adminUrl, PulsarTopics.DEFAULT_TOPIC,
                PulsarBatchReceiverSettings.DEFAULT_SUBSCRIPTION, Duration.ofSeconds(10), PulsarCredentials.NONE);
    }

    /**
     * These settings on another topic and subscription.
     *
     * @param otherTopic the topic
     * @param otherSubscription the subscription
     * @return the changed settings
     */
    public PulsarTopicSetupSettings withTopic(String otherTopic, String otherSubscription) {
        return new PulsarTopicSetupSettings(adminUrl, otherTopic, otherSubscription, requestTimeout, credentials);
    }

    /**
     * These settings with credentials.
     *
     * @param otherCredentials the token and trusted certificates
     * @return the changed settings
     * @throws IllegalArgumentException if the credentials do not fit the URL
     */
    public PulsarTopicSetupSettings withCredentials(PulsarCredentials otherCredentials) {
        return new PulsarTopicSetupSettings(adminUrl, topic, subscriptionName, requestTimeout, otherCredentials);
    }
}
