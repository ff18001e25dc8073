package com.acme.wallet.application.port.out;

import java.util.function.Consumer;

/**
 * Reads the durable log back: the part not yet persisted elsewhere, to rebuild state from.
 */
public interface ReadEventLogPort {

    /**
     * Reads every event after the given positions, up to the end of the log as it is when the call
     * starts, in log order within each partition. A partition without a position is read from its
     * beginning.
     *
     * @param positions where to start, exclusive, per partition
     * @param sink receives each event in order
     * @throws com.acme.wallet.application.port.out.UnreadableEventException at a message that is not a readable
     *     event; nothing after it is handed to the sink
     */
    void readAfter(LogPositions positions, Consumer<LoggedEvent> sink);

    /**
     * Reads every event after the given positions up to and including a barrier, in log order.
     * Barriers themselves are not handed to the sink.
     *
     * @param positions where to start, exclusive, per partition
     * @param barrier the position of a barrier ({@link AppendWalletEventsPort#appendBarrier}) in
     *     one of the partitions read; the read of that partition ends there
     * @param sink receives each event in order
     * @throws IllegalStateException if the log ends before the barrier: the read is then not the
     *     whole truth up to it
     * @throws com.acme.wallet.application.port.out.UnreadableEventException at a message that is not a readable
     *     event or barrier
     */
    void readUpTo(LogPositions positions, LogPosition barrier, Consumer<LoggedEvent> sink);
}
