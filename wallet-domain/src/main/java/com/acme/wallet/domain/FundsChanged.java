package com.acme.wallet.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Funds were added to or removed from an open wallet under a client's reference.
 *
 * @param eventId the unique id of this event
 * @param walletId the wallet changed
 * @param sequence this event's position among the wallet's events; above the opening event's
 * @param operation whether funds were added or removed
 * @param amount how much moved; always above zero
 * @param reference the client's name for the change, applied to this wallet only once
 * @param occurredAt when the change was decided
 */
public record FundsChanged(
        UUID eventId,
        WalletId walletId,
        long sequence,
        FundsOperation operation,
        Amount amount,
        Reference reference,
        Instant occurredAt)
        implements ReferencedEvent {

    /**
     * Validates the event.
     *
     * @param eventId the unique id of this event
     * @param walletId the wallet changed
     * @param sequence this event's position among the wallet's events; above the opening event's
     * @param operation whether funds were added or removed
     * @param amount how much moved; always above zero
     * @param reference the client's name for the change, applied to this wallet only once
     * @param occurredAt when the change was decided
     * @throws IllegalArgumentException if the sequence could belong to an opening event or the
     *     amount is zero
     * @throws NullPointerException if any part is missing
     */
    public FundsChanged {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (sequence <= FIRST_SEQUENCE) {
            throw new IllegalArgumentException("funds change with sequence " + sequence + " would precede the opening");
        }
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("funds change must move money, not " + amount);
        }
    }

    @Override
    public FundsRequest request() {
        return new FundsRequest(operation, amount, reference);
    }

    @Override
    public long balanceDeltaCents() {
        return operation == FundsOperation.ADD ? amount.cents() : -amount.cents();
    }

    /** {@return whether this change has the same operation and amount as another request} */
    boolean sameRequestAs(FundsOperation otherOperation, Amount otherAmount) {
        return operation == otherOperation && amount.equals(otherAmount);
    }
}
