package com.acme.wallet.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A bet was placed: its stake left the balance, and its round has one more bet.
 *
 * @param eventId the unique id of this event
 * @param walletId the wallet
 * @param sequence this event's position among the wallet's events
 * @param request the bet
 * @param occurredAt when it was decided
 */
public record BetPlaced(UUID eventId, WalletId walletId, long sequence, BetRequest request, Instant occurredAt)
        implements ReferencedEvent {

    /**
     * Validates the event.
     *
     * @param eventId the unique id of this event
     * @param walletId the wallet
     * @param sequence this event's position among the wallet's events
     * @param request the bet
     * @param occurredAt when it was decided
     */
    public BetPlaced {
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
        return -request.amount().cents();
    }
}
