package com.acme.wallet.application.port.out;

import java.util.Objects;
import java.util.UUID;

/**
 * An event id stored in more than one transaction: one event applied twice.
 *
 * @param eventId the event id
 * @param count how many transactions carry it, at least 2
 */
public record RepeatedEventId(UUID eventId, long count) {

    /** Validates the record. */
    public RepeatedEventId {
        Objects.requireNonNull(eventId, "eventId");
    }
}
