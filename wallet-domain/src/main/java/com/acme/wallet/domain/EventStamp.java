package com.acme.wallet.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The identity and time given to an event when it is decided.
 *
 * <p>Both come from outside the domain (an id generator and a clock), so that the domain stays
 * deterministic and tests can fix them.
 *
 * @param eventId a unique id for the event, used to trace it through the log and the database
 * @param occurredAt when the change was decided
 */
public record EventStamp(UUID eventId, Instant occurredAt) {

    /**
     * Validates that both parts are present.
     *
     * @param eventId a unique id for the event, used to trace it through the log and the database
     * @param occurredAt when the change was decided
     */
    public EventStamp {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
