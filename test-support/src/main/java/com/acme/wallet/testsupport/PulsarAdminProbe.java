package com.acme.wallet.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a Pulsar broker's admin API whether it is ready, each question bounded in time. A broker
 * that does not answer, or answers an error, is simply not ready.
 */
public final class PulsarAdminProbe {

    /** How long the broker's own health check may take: it writes and reads a message. */
    public static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration QUESTION_TIMEOUT = Duration.ofSeconds(5);

    private final String adminUrl;
    private final Optional<String> token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** @param adminUrl the broker's web service, such as {@code http://127.0.0.1:8080} */
    public PulsarAdminProbe(String adminUrl) {
        this(adminUrl, Optional.empty());
    }

    /**
     * A probe of a broker with token authentication.
     *
     * @param adminUrl the broker's web service
     * @param token a super-user's token, presented as a bearer token; empty for a broker without
     *     authentication
     */
    public PulsarAdminProbe(String adminUrl, Optional<String> token) {
        this.adminUrl = adminUrl;
        this.token = token;
    }

    /** {@return whether {@code GET /admin/v2/clusters} lists {@code standalone}: the web service answers} */
    public boolean listsStandaloneCluster() {
        return answers("/admin/v2/clusters", QUESTION_TIMEOUT, "\"standalone\"");
    }

    /** {@return whether the namespace {@code public/default}, which topics are created in, exists} */
    public boolean listsPublicDefault() {
        return answers("/admin/v2/namespaces/public", QUESTION_TIMEOUT, "\"public/default\"");
    }

    /**
     * {@return whether the broker passes its own health check ({@code GET /admin/v2/brokers/health}:
     * it loads a heartbeat topic and sends and reads a message through its bookie)}
     */
    public boolean passesHealthCheck() {
        return answers("/admin/v2/brokers/health", HEALTH_CHECK_TIMEOUT, "ok");
    }

    /**
     * {@return all three: on a restart the first two answer from the stored metadata before the
     * broker serves a topic, hence the health check}
     */
    public boolean isReady() {
        return listsStandaloneCluster() && listsPublicDefault() && passesHealthCheck();
    }

    private boolean answers(String path, Duration timeout, String expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(adminUrl + path)).timeout(timeout).GET();
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains(expected);
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Pulsar " + path, interrupted);
        }
    }
}
