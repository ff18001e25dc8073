package com.acme.wallet.adapter.pulsar;

import java.time.Duration;
import java.util.Objects;

/** Checks and converts the durations in the settings. */
final class Durations {

    /** The longest duration a setting may have: Pulsar takes most timeouts as an {@code int} of milliseconds. */
    static final Duration MAX = Duration.ofHours(1);

    private Durations() {}

    /**
     * Checks that a duration is above zero and at most {@link #MAX}.
     *
     * @param name the setting's name, for the error message
     * @param duration the duration
     * @return the same duration
     */
    static Duration requirePositive(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(name + " must be above zero and at most " + MAX + ", not " + duration);
        }
        return duration;
    }

    /**
     * A duration as the {@code int} of milliseconds Pulsar's builders take (with {@code TimeUnit.MILLISECONDS}).
     *
     * @param duration a duration {@link #requirePositive} accepts
     * @return whole milliseconds, at least 1
     */
    static int millis(Duration duration) {
        return (int) Math.max(1, duration.toMillis());
    }
}
