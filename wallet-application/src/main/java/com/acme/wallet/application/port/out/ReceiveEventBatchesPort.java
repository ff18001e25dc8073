package com.acme.wallet.application.port.out;

import java.util.List;

/**
 * Receives the durable log in batches, in log order, for persisting it elsewhere.
 *
 * <p>Delivery is at least once: after a crash or a reconnect, events already received, even
 * acknowledged ones, may come again. Whoever persists them must ignore repeats.
 */
public interface ReceiveEventBatchesPort {

    /**
     * Waits for the next batch, bounded in size and in time by the implementation's settings.
     *
     * @return the events, in log order; empty if none arrived in time
     * @throws com.acme.wallet.application.port.out.UnreadableEventException at a message that is not a readable
     *     event; the events before it in the same batch are not returned either
     */
    List<LoggedEvent> receiveBatch();

    /**
     * Acknowledges every event up to and including these positions, so they are not delivered
     * again in the normal course. Call it only once the events are persisted.
     *
     * @param positions the last persisted position of each partition
     */
    void acknowledgeUpTo(LogPositions positions);
}
