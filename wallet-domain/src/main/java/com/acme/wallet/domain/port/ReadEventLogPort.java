package com.acme.wallet.domain.port;

import com.acme.wallet.domain.LogPositions;
import com.acme.wallet.domain.LoggedEvent;
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
     * @throws com.acme.wallet.domain.UnreadableEventException at a message that is not a readable
     *     event; nothing after it is handed to the sink
     */
    void readAfter(LogPositions positions, Consumer<LoggedEvent> sink);
}
