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
 *
 * <h2>On a broker with authorisation</h2>
 * Setting policies takes a tenant admin (or super-user) role. A program should run with a role
 * that may only produce or consume: then the broker refuses the first policy (403) and the setup
 * only checks what an operator set up beforehand (the README's Security section): that the topic
 * exists and is not partitioned. A missing topic fails the setup with what to do, rather than
 * letting a producer create one without retention. A token the broker does not accept (401) fails
 * it too: waiting would not cure either.
 */
public final class PulsarTopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(PulsarTopicSetup.class);
    private static final int MAX_BODY_IN_ERROR = 500;
    private static final String OPERATOR_STEPS = "create the topic, its retention and the batch consumer's "
            + "subscription, and grant the programs' roles their permissions, with pulsar-admin as the README's "
            + "Security section shows";
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
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        settings.credentials().tlsTrustCertsFile().ifPresent(file -> builder.sslContext(TrustedCertificates.context(file)));
        this.http = builder.build();
        this.topicUrl = stripSlash(settings.adminUrl()) + "/admin/v2/" + PulsarTopics.adminPath(settings.topic());
        this.namespaceUrl = stripSlash(settings.adminUrl()) + "/admin/v2/namespaces/"
                + PulsarTopics.namespaceOf(settings.topic());
    }

    /**
     * Ensures the topic, its policies and the subscription, as described above.
     *
     * @throws PulsarUnavailableException if the admin API refuses or does not answer within
     *     {@code requestTimeout}
     * @throws IllegalStateException if the topic exists but is partitioned, the broker refuses the
     *     token, or the role may not set the topic up and it is missing
     */
    public void ensure() {
        HttpResponse<String> namespaceRetention = exchange("POST", namespaceUrl + "/retention", UNLIMITED_RETENTION);
        if (namespaceRetention.statusCode() == 403) {
            requireSetUpByOperator(namespaceRetention);
            return;
        }
        requireSuccess(namespaceRetention, "setting unlimited namespace retention");
        createIfMissing(topicUrl, "the topic");
        requireNonPartitioned(send("GET", topicUrl + "/partitions", null, "reading the partition count"));
        send("POST", topicUrl + "/retention", UNLIMITED_RETENTION, "setting unlimited retention");
        send("POST", topicUrl + "/inactiveTopicPolicies", NEVER_DELETE_WHILE_INACTIVE,
                "disabling deletion while inactive");
        ensureSubscription();
        awaitRetentionApplied();
        LOG.info("{} exists with unlimited retention (namespace and topic) and subscription {}",
                settings.topic(), settings.subscriptionName());
    }

    /** The role may not administer the namespace: the topic must have been set up by an operator. */
    private void requireSetUpByOperator(HttpResponse<String> refusal) {
        LOG.info("this role may not set policies on {} ({}); checking that an operator set {} up",
                PulsarTopics.namespaceOf(settings.topic()), excerpt(refusal), settings.topic());
        // A role granted permissions on the topic alone may not even look up a topic that does not
        // exist (the broker answers 401, as for a topic it may not use): either way an operator must act.
        HttpResponse<String> partitions = exchange("GET", topicUrl + "/partitions", null);
        if (partitions.statusCode() == 401 || partitions.statusCode() == 403) {
            throw new IllegalStateException(settings.topic() + " is missing, or this program's Pulsar role may not "
                    + "use it (" + excerpt(partitions) + "): " + OPERATOR_STEPS);
        }
        requireSuccess(partitions, "reading the partition count");
        requireNonPartitioned(partitions.body());
        HttpResponse<String> stats = exchange("GET", topicUrl + "/stats", null);
        if (stats.statusCode() == 404) {
            throw new IllegalStateException(settings.topic() + " does not exist, and this program's Pulsar role "
                    + "may not create it: " + OPERATOR_STEPS);
        }
        requireSuccess(stats, "looking the topic up");
        HttpResponse<String> subscriptions = exchange("GET", topicUrl + "/subscriptions", null);
        if (subscriptions.statusCode() == 200 && !subscriptions.body().contains("\"" + settings.subscriptionName() + "\"")) {
            LOG.warn("{} has no subscription {} yet: events are kept only by the topic's retention until the batch "
                    + "consumer subscribes (pulsar-admin topics create-subscription, README, Security)",
                    settings.topic(), settings.subscriptionName());
        }
        LOG.info("{} exists and is not partitioned; its retention and inactivity policies are the operator's",
                settings.topic());
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

    private void requireNonPartitioned(String partitionsAnswer) {
        JsonNode metadata = readJson(partitionsAnswer);
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .method(method, publisher);
        // Read for every request, so that a rotated token file is picked up.
        settings.credentials().token().current().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
        if (status == 401 || status == 403) {
            throw new IllegalStateException(step + " for " + settings.topic() + " was refused (" + excerpt(response)
                    + "): check the token (WALLET_PULSAR_TOKEN_FILE) and the role's permissions (README, Security)");
        }
        if (status < 200 || status > 299) {
            throw new PulsarUnavailableException(step + " for " + settings.topic() + " answered " + excerpt(response),
                    null);
        }
    }

    private static String excerpt(HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        return response.statusCode() + ": " + body.substring(0, Math.min(body.length(), MAX_BODY_IN_ERROR));
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
