package com.acme.wallet.application.port.out;

import java.util.Optional;

/**
 * Finds the event the durable log holds at one position, to tell whether a position stored
 * elsewhere (PostgreSQL's last persisted position) belongs to this log at all.
 */
public interface FindLoggedEventPort {

    /**
     * Finds the event at exactly this position.
     *
     * @param position a position, typically one stored by whoever persists the log
     * @return the event there; empty when the log holds no event at that position: it is of
     *     another log or partition, lies past the log's end or in a part the log no longer holds,
     *     or a barrier is there
     * @throws com.acme.wallet.application.port.out.UnreadableEventException if the message there is not a readable
     *     event
     */
    Optional<LoggedEvent> eventAt(LogPosition position);
}
