package com.acme.wallet.adapter.pulsar;

import com.acme.wallet.application.Redaction;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the event log's topic exists and keeps its messages, through the Pulsar admin REST
 * API. Idempotent: run it at every start of the REST API and of the batch consumer; it changes
 * nothing that is already right and never moves an existing subscription.
 *
 * <h2>What it ensures</h2>
 * <ol>
 *   <li>The topic exists as one non-partitioned persistent topic (created if missing; refused if
 *       it is partitioned).
 *   <li>Retention, as a namespace policy and as a topic policy: unlimited time and size
 *       ({@code -1}/{@code -1}). The namespace policy is what a broker applies while it loads the
 *       topic after a restart: topic policies come later, through a system topic, and until they
 *       arrive the broker may trim acknowledged ledgers (apache/pulsar#20968, #26137; seen here as
 *       a topic that had lost its first, already persisted, events after a broker restart under
 *       load). The namespace is the wallet's to configure. Pulsar deletes
 *       acknowledged messages after the retention period, and with the default of zero it would
 *       delete them at once. The wallet's log is its source of truth: the REST API rebuilds from the
 *       PostgreSQL snapshot plus the events after the snapshot's positions, and events the batch
 *       consumer acknowledges while the REST API starts must still be there to be read. Keeping
 *       everything is the simple safe choice; the topic grows by about 300 bytes per event, so
 *       bound it (or offload to tiered storage) with a deliberate policy once the volume calls for it.
 *   <li>The topic is never deleted for inactivity (an inactive-topic policy with
 *       {@code deleteWhileInactive=false}): brokers delete topics without subscriptions after a
 *       minute of inactivity by default, messages and all.
 *   <li>The batch consumer's durable subscription exists, created at the topic's first message.
 *       The broker keeps every message the subscription has not acknowledged, whatever the
 *       retention, so nothing is lost even if the batch consumer has never run. (The broker's
 *       backlog quota, 10 GB by default, then holds the producer back: sends fail rather than
 *       messages being dropped.)
 * </ol>
 *
 * <p>The namespace must exist. Topic policies need {@code topicLevelPoliciesEnabled=true} on the
 * broker, the default since Pulsar 3.0.
 */
public final class PulsarTopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarTopicSetup.class);
    private static final int MAX_BODY_IN_ERROR = 500;
    private static final String UNLIMITED_RETENTION = "{\"retentionTimeInMinutes\":-1,\"retentionSizeInMB\":-1}";
    private static final String NEVER_DELETE_WHILE_INACTIVE =
            "{\"inactiveTopicDeleteMode\":\"delete_when_no_subscriptions\","
            + "\"maxInactiveDurationSeconds\":-1,\"deleteWhileInactive\":false}";
    /** The earliest position: a new subscription starts at the topic's first message, not at its end. */
    private static final String EARLIEST = "{\"ledgerId\":-1,\"entryId\":-1,\"partitionIndex\":-1}";

    private final PulsarTopicSetupSettings settings;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final String topicUrl;
    private final String namespaceUrl;

    /**
     * Creates the setup; it contacts the broker only in {@link #ensure()}.
     *
     * @param settings the admin URL, topic and subscription
     */
    public PulsarTopicSetup(PulsarTopicSetupSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.topicUrl = stripSlash(settings.adminUrl()) + "/admin/v2/" + PulsarTopics.adminPath(settings.topic());
        this.namespaceUrl = stripSlash(settings.adminUrl()) + "/admin/v2/namespaces/"
                + PulsarTopics.namespaceOf(settings.topic());
    }

    /**
     * Ensures the topic, its policies and the subscription, as described above.
     *
     * @throws PulsarUnavailableException if the admin API refuses or does not answer within
     *     {@code requestTimeout}
     * @throws IllegalStateException if the topic exists but is partitioned
     */
    public void ensure() {
        send("POST", namespaceUrl + "/retention", UNLIMITED_RETENTION, "setting unlimited namespace retention");
        createIfMissing(topicUrl, "the topic");
        requireNonPartitioned();
        send("POST", topicUrl + "/retention", UNLIMITED_RETENTION, "setting unlimited retention");
        send("POST", topicUrl + "/inactiveTopicPolicies", NEVER_DELETE_WHILE_INACTIVE,
                "disabling deletion while inactive");
        ensureSubscription();
        awaitRetentionApplied();
        LOG.info("{} exists with unlimited retention (namespace and topic) and subscription {}",
                settings.topic(), settings.subscriptionName());
    }

    private void createIfMissing(String url, String what) {
        HttpResponse<String> response = exchange("PUT", url, "");
        if (response.statusCode() == 409) {
            LOG.debug("{} exists already: {}", what, Redaction.hideCredentials(url));
            return;
        }
        requireSuccess(response, "creating " + what);
    }

    /**
     * Creates the subscription only if it is missing: a PUT on a subscription in use (the batch
     * consumer may be subscribing at this moment) answers 412 "Subscription Busy", and an existing
     * subscription must never be moved anyway.
     */
    private void ensureSubscription() {
        if (subscriptionExists()) {
            return;
        }
        String url = topicUrl + "/subscription/" + settings.subscriptionName();
        HttpResponse<String> response = exchange("PUT", url, EARLIEST);
        if (response.statusCode() == 409 || (response.statusCode() == 412 && subscriptionExists())) {
            LOG.debug("the subscription exists already: {}", Redaction.hideCredentials(url));
            return;
        }
        requireSuccess(response, "creating the subscription");
    }

    private boolean subscriptionExists() {
        JsonNode names = readJson(send("GET", topicUrl + "/subscriptions", null, "listing the subscriptions"));
        for (JsonNode name : names) {
            if (settings.subscriptionName().equals(name.asText())) {
                return true;
            }
        }
        return false;
    }

    private void requireNonPartitioned() {
        JsonNode metadata = readJson(send("GET", topicUrl + "/partitions", null, "reading the partition count"));
        if (metadata.path("partitions").asInt(-1) != 0) {
            throw new IllegalStateException(settings.topic() + " is partitioned (" + metadata
                    + "); the event log must be one non-partitioned topic");
        }
    }

    /** Topic policies travel through a system topic and take effect shortly after they are set. */
    private void awaitRetentionApplied() {
        long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
        while (true) {
            JsonNode applied = readJson(send("GET", topicUrl + "/retention?applied=true", null, "reading retention"));
            if (applied.path("retentionTimeInMinutes").asLong(0) == -1
                    && applied.path("retentionSizeInMB").asLong(0) == -1) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new PulsarUnavailableException("retention of " + settings.topic() + " is still " + applied
                        + " after " + settings.requestTimeout(), null);
            }
            pause();
        }
    }

    private String send(String method, String url, String body, String step) {
        HttpResponse<String> response = exchange(method, url, body);
        requireSuccess(response, step);
        return response.body();
    }

    private HttpResponse<String> exchange(String method, String url, String body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .method(method, publisher)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException failure) {
            throw new PulsarUnavailableException(method + " " + Redaction.hideCredentials(url) + " failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new PulsarUnavailableException("interrupted during " + method + " " + Redaction.hideCredentials(url),
                    interrupted);
        }
    }

    private void requireSuccess(HttpResponse<String> response, String step) {
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            String body = response.body() == null ? "" : response.body();
            throw new PulsarUnavailableException(step + " for " + settings.topic() + " answered " + status + ": "
                    + body.substring(0, Math.min(body.length(), MAX_BODY_IN_ERROR)), null);
        }
    }

    private JsonNode readJson(String body) {
        try {
            return json.readTree(body);
        } catch (IOException notJson) {
            throw new PulsarUnavailableException("the admin API answered no JSON: " + body, notJson);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new PulsarUnavailableException("interrupted while waiting for a policy", interrupted);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
