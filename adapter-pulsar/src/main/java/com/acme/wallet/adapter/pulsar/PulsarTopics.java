package com.acme.wallet.adapter.pulsar;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the names this adapter hands to Pulsar.
 *
 * <p>Topics must be fully qualified, persistent and non-partitioned: the full name is also the log
 * partition's name in every stored {@link com.acme.wallet.application.port.out.LogPosition}, so a short alias
 * ({@code transactions}) and its full form must never both appear. Names are limited to an alphabet
 * that needs no escaping in admin REST paths.
 */
final class PulsarTopics {

    /** The wallet's event log unless configured otherwise. */
    static final String DEFAULT_TOPIC = "persistent://public/default/transactions";

    private static final String PART = "[A-Za-z0-9_.=:-]{1,128}";
    private static final Pattern PERSISTENT_TOPIC =
            Pattern.compile("persistent://(" + PART + ")/(" + PART + ")/(" + PART + ")");
    private static final Pattern SIMPLE_NAME = Pattern.compile(PART);

    private PulsarTopics() {}

    /**
     * Checks a topic name.
     *
     * @param topic the name
     * @return the same name
     * @throws IllegalArgumentException if it is not {@code persistent://tenant/namespace/topic} or
     *     names one partition of a partitioned topic
     */
    static String requirePersistentTopic(String topic) {
        Objects.requireNonNull(topic, "topic");
        if (!PERSISTENT_TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException(
                    "topic must be persistent://tenant/namespace/topic (letters, digits, _ . = : -), not " + topic);
        }
        if (topic.contains("-partition-")) {
            throw new IllegalArgumentException("the event log is one non-partitioned topic, not a partition: " + topic);
        }
        return topic;
    }

    /**
     * Checks a subscription or producer name.
     *
     * @param what what the name is for, for the error message
     * @param name the name
     * @return the same name
     * @throws IllegalArgumentException if it is empty, too long or has other characters than
     *     letters, digits and {@code _ . = : -}
     */
    static String requireSimpleName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!SIMPLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 128 letters, digits or _ . = : -, not " + name);
        }
        return name;
    }

    /**
     * The topic's path in the admin REST API.
     *
     * @param topic a name {@link #requirePersistentTopic} accepts
     * @return {@code persistent/tenant/namespace/topic}
     */
    static String adminPath(String topic) {
        Matcher parts = PERSISTENT_TOPIC.matcher(requirePersistentTopic(topic));
        if (!parts.matches()) {
            throw new IllegalStateException("checked above");
        }
        return "persistent/" + parts.group(1) + "/" + parts.group(2) + "/" + parts.group(3);
    }

    /**
     * The topic's namespace in the admin REST API.
     *
     * @param topic a name {@link #requirePersistentTopic} accepts
     * @return {@code tenant/namespace}
     */
    static String namespaceOf(String topic) {
        String path = adminPath(topic);
        return path.substring("persistent/".length(), path.lastIndexOf('/'));
    }
}
