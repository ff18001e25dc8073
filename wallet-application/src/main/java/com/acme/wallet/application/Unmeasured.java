package com.acme.wallet.application;

import com.acme.wallet.application.port.out.RecordPersisterMetricsPort;
import com.acme.wallet.application.port.out.RecordWriterMetricsPort;
import java.time.Instant;

/** Recorders that record nothing: the writer or persister of a test or a tool that nobody measures. */
public final class Unmeasured {

    /** A writer's recorder that records nothing. */
    public static final RecordWriterMetricsPort WRITER = new RecordWriterMetricsPort() {
        @Override
        public void appendSettled(long latencyNanos, boolean confirmed) {}

        @Override
        public void readBackEnded(int wallets, long durationNanos, boolean succeeded) {}
    };

    /** A persister's recorder that records nothing. */
    public static final RecordPersisterMetricsPort PERSISTER = new RecordPersisterMetricsPort() {
        @Override
        public void batchCommitted(int events, long persisted, long duplicates, long commitNanos,
                Instant newestEventOccurredAt) {}

        @Override
        public void drained() {}

        @Override
        public void storeRetried() {}

        @Override
        public void receiveRetried() {}
    };

    private Unmeasured() {}
}
