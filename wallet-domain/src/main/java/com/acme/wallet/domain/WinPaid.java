package com.acme.wallet.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A win was paid into a round with a standing bet: its amount, which may be zero, joined the
 * balance.
 *
 * @param eventId the unique id of this event
 * @param walletId the wallet
 * @param sequence this event's position among the wallet's events
 * @param request the win
 * @param occurredAt when it was decided
 */
public record WinPaid(UUID eventId, WalletId walletId, long sequence, WinRequest request, Instant occurredAt)
        implements ReferencedEvent {

    /**
     * Validates the event.
     *
     * @param eventId the unique id of this event
     * @param walletId the wallet
     * @param sequence this event's position among the wallet's events
     * @param request the win
     * @param occurredAt when it was decided
     */
    public WinPaid {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(occurredAt, "occurredAt");
        EventChecks.checkChangeSequence(sequence);
    }

    @Override
    public Reference reference() {
        return request.reference();
    }

    @Override
    public Amount amount() {
        return request.amount();
    }

    @Override
    public Optional<RoundId> roundChanged() {
        return Optional.of(request.roundId());
    }

    @Override
    public long balanceDeltaCents() {
        return request.amount().cents();
    }
}
