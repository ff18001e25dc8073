package com.acme.wallet.domain;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a game provider attaches to a bet or a win for its own records, such as
 * {@code {"game":"x"}}: a flat map of strings, kept with the change and shown in its history. The
 * wallet never reads it, and a retry with other metadata is still the same request.
 *
 * <p>At most {@value #MAX_KEYS} keys; keys of 1 to {@value #MAX_KEY_LENGTH} characters and values
 * of 0 to {@value #MAX_VALUE_LENGTH}, both without control characters; at most
 * {@value #MAX_TOTAL_BYTES} bytes of UTF-8 in all, keys and values together.
 *
 * @param entries the keys and values, in key order; read-only
 */
public record Metadata(Map<String, String> entries) {

    /** The most keys metadata may hold. */
    public static final int MAX_KEYS = 16;

    /** The longest key, in UTF-16 code units. */
    public static final int MAX_KEY_LENGTH = 64;

    /** The longest value, in UTF-16 code units. */
    public static final int MAX_VALUE_LENGTH = 256;

    /** The most bytes of UTF-8 that all keys and values may take together: 2 KiB. */
    public static final int MAX_TOTAL_BYTES = 2048;

    /** No metadata. */
    public static final Metadata NONE = new Metadata(Map.of());

    /**
     * Validates the metadata and keeps a sorted, read-only copy.
     *
     * @param entries the keys and values, in key order; read-only
     * @throws InvalidInputException if it breaks a rule above; the message names the rule
     */
    public Metadata {
        if (entries == null) {
            throw new InvalidInputException("metadata must be an object of strings");
        }
        if (entries.size() > MAX_KEYS) {
            throw new InvalidInputException("metadata must have at most " + MAX_KEYS + " keys");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        int bytes = 0;
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            ClientName.check("a metadata key", entry.getKey(), MAX_KEY_LENGTH);
            String value = entry.getValue();
            if (value == null) {
                throw new InvalidInputException("metadata values must be strings");
            }
            ClientName.checkText("a metadata value", value, MAX_VALUE_LENGTH);
            bytes += entry.getKey().getBytes(StandardCharsets.UTF_8).length
                    + value.getBytes(StandardCharsets.UTF_8).length;
            sorted.put(entry.getKey(), value);
        }
        if (bytes > MAX_TOTAL_BYTES) {
            throw new InvalidInputException("metadata must take at most " + MAX_TOTAL_BYTES + " bytes in all");
        }
        entries = Collections.unmodifiableMap(sorted);
    }

    /**
     * Validates metadata.
     *
     * @param entries the keys and values as sent
     * @return the metadata
     * @throws InvalidInputException if it breaks a rule above
     */
    public static Metadata of(Map<String, String> entries) {
        return new Metadata(Objects.requireNonNull(entries, "entries"));
    }

    /** {@return whether there is none} */
    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
