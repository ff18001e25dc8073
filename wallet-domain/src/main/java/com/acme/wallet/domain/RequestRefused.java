package com.acme.wallet.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A request was refused for a reason of money or of its round, and the refusal is its reference's
 * final outcome: a retry is refused again in the same words, and the reference can never apply.
 * Nothing moved.
 *
 * @param eventId the unique id of this event
 * @param walletId the wallet
 * @param sequence this event's position among the wallet's events
 * @param request what was refused
 * @param code why
 * @param balanceCents what the wallet could spend when it refused, as the refusal shows it
 * @param occurredAt when it was decided
 */
public record RequestRefused(UUID eventId, WalletId walletId, long sequence, WalletRequest request, RefusalCode code,
        long balanceCents, Instant occurredAt) implements ReferencedEvent {

    /**
     * Validates the event.
     *
     * @param eventId the unique id of this event
     * @param walletId the wallet
     * @param sequence this event's position among the wallet's events
     * @param request what was refused
     * @param code why
     * @param balanceCents what the wallet could spend when it refused, as the refusal shows it
     * @param occurredAt when it was decided
     */
    public RequestRefused {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(occurredAt, "occurredAt");
        EventChecks.checkChangeSequence(sequence);
        if (balanceCents < 0) {
            throw new IllegalArgumentException("a refusal shows no negative balance: " + balanceCents);
        }
    }

    @Override
    public Reference reference() {
        return request.reference();
    }

    /** {@return nothing: a refusal moves no money} */
    @Override
    public Amount amount() {
        return Amount.ZERO;
    }

    @Override
    public long balanceDeltaCents() {
        return 0;
    }
}
