package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletEvent;
import java.util.Objects;

/**
 * An event as read back from the durable log, with where it sits there.
 *
 * @param event the event
 * @param position its position in the log
 */
public record LoggedEvent(WalletEvent event, LogPosition position) {

    /** Validates the pair. */
    public LoggedEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(position, "position");
    }
}
