package com.acme.wallet.application.port.out;

/** Records nothing: the writer of a test or a tool that nobody measures. */
enum NoWriterMetrics implements RecordWriterMetricsPort {
    INSTANCE;

    @Override
    public void appendSettled(long latencyNanos, boolean confirmed) {}

    @Override
    public void readBackEnded(int wallets, long durationNanos, boolean succeeded) {}
}
