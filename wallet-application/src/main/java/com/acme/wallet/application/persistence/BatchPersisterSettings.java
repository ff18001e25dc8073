package com.acme.wallet.application.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of an {@link EventBatchPersister}.
 *
 * @param retryMin the first pause after a failed receive or persist; at least 1 ms
 * @param retryMax the longest pause; pauses double up to it, and retries go on while running
 * @param stopTimeout how long stopping keeps retrying the batch in hand before giving it up (it is
 *     then not acknowledged, so it is delivered again later)
 */
public record BatchPersisterSettings(Duration retryMin, Duration retryMax, Duration stopTimeout) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a pause is not positive or the pauses are out of order
     */
    public BatchPersisterSettings {
        Objects.requireNonNull(retryMin, "retryMin");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        // Pauses are slept in whole milliseconds; a shorter minimum would make every pause zero.
        if (retryMin.toMillis() < 1 || retryMax.compareTo(retryMin) < 0 || stopTimeout.isNegative()) {
            throw new IllegalArgumentException("pauses must be at least 1 ms, the maximum no less than the minimum");
        }
    }

    /** {@return retries from 100 ms up to 5 s; 10 s to finish the batch in hand on stop} */
    public static BatchPersisterSettings defaults() {
        return new BatchPersisterSettings(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
