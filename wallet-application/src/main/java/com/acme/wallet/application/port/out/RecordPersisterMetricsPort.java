package com.acme.wallet.application.port.out;

import java.time.Instant;

/**
 * Where the batch persister reports what it does: each batch committed, each retry, and when it
 * found the log drained. Called on the persister's one thread; implementations must be cheap and
 * must not block or throw.
 */
public interface RecordPersisterMetricsPort {

    /**
     * A batch was committed to the store.
     *
     * @param events the events in the batch
     * @param persisted how many of them were stored for the first time
     * @param duplicates how many were repeats already stored, and ignored
     * @param commitNanos how long the store took for the successful attempt (retries not included)
     * @param newestEventOccurredAt when the batch's newest event happened
     */
    void batchCommitted(int events, long persisted, long duplicates, long commitNanos, Instant newestEventOccurredAt);

    /** A receive from the log returned no event within its wait: everything delivered so far is stored. */
    void drained();

    /** An attempt to store a batch failed and will be retried after a pause. */
    void storeRetried();

    /** A receive from the log failed and will be retried after a pause. */
    void receiveRetried();
}
