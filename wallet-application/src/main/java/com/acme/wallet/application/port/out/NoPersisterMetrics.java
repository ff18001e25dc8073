package com.acme.wallet.application.port.out;

import java.time.Instant;

/** Records nothing: a persister that nobody measures. */
enum NoPersisterMetrics implements RecordPersisterMetricsPort {
    INSTANCE;

    @Override
    public void batchCommitted(int events, long persisted, long duplicates, long commitNanos,
            Instant newestEventOccurredAt) {}

    @Override
    public void drained() {}

    @Override
    public void storeRetried() {}

    @Override
    public void receiveRetried() {}
}
