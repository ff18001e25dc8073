package com.acme.wallet.application.port.out;

/**
 * Where the single writer reports what it measures on its own path: how long the log took to
 * settle each append, and each read-back of wallets in doubt. What can be read at any moment (the
 * changes in flight, the wallets in doubt and held, the writer's phase) is read from the writer
 * instead. Implementations are called on the log's completion thread and the writer's recovery
 * thread: they must be cheap and must not block or throw.
 */
public interface RecordWriterMetricsPort {

    /**
     * An append to the log settled.
     *
     * @param latencyNanos from handing the event to the log to its confirmation or failure
     * @param confirmed whether the log confirmed it (false: failed or timed out, outcome unknown)
     */
    void appendSettled(long latencyNanos, boolean confirmed);

    /**
     * A round of read-back (recovery) of wallets in doubt ended.
     *
     * @param wallets how many wallets the round read back, or tried to
     * @param durationNanos from the round's start to its end, barrier and read included
     * @param succeeded whether they were read back (false: retried after a pause)
     */
    void readBackEnded(int wallets, long durationNanos, boolean succeeded);
}
