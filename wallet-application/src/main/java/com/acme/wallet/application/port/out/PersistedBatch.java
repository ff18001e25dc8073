package com.acme.wallet.application.port.out;

/**
 * What persisting one batch of logged events did.
 *
 * @param persisted events stored for the first time
 * @param duplicates events that were already stored (a log may redeliver) and were ignored
 */
public record PersistedBatch(int persisted, int duplicates) {

    /** Validates the counts. */
    public PersistedBatch {
        if (persisted < 0 || duplicates < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }
}
