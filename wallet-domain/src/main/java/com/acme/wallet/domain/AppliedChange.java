package com.acme.wallet.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A funds change that is durable, with the balance it left behind.
 *
 * <p>This is what a client is told when its change is accepted, and told again, unchanged, when it
 * retries the same reference.
 *
 * @param eventId the id of the event that made the change: what tells a repeat of it from another
 *     change
 * @param walletId the wallet changed
 * @param reference the client's name for the change
 * @param operation whether funds were added or removed
 * @param amount how much moved
 * @param sequence the event's position among the wallet's events
 * @param balanceAfterCents the wallet's balance right after this change, in cents
 * @param occurredAt when the change was decided
 */
public record AppliedChange(
        UUID eventId,
        WalletId walletId,
        Reference reference,
        FundsOperation operation,
        Amount amount,
        long sequence,
        long balanceAfterCents,
        Instant occurredAt) {

    /**
     * Validates the change.
     *
     * @param eventId the id of the event that made the change: what tells a repeat of it from another
     *     change
     * @param walletId the wallet changed
     * @param reference the client's name for the change
     * @param operation whether funds were added or removed
     * @param amount how much moved
     * @param sequence the event's position among the wallet's events
     * @param balanceAfterCents the wallet's balance right after this change, in cents
     * @param occurredAt when the change was decided
     */
    public AppliedChange {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (balanceAfterCents < 0) {
            throw new IllegalStateException("balance after " + reference + " would be negative: " + balanceAfterCents);
        }
    }

    /** {@return this change as the ledger entry of its reference} */
    public LedgerEntry entry() {
        return new LedgerEntry(new FundsChanged(eventId, walletId, sequence, operation, amount, reference, occurredAt),
                balanceAfterCents);
    }

    /**
     * The change an event made, once durable.
     *
     * @param event the durable event
     * @param balanceAfterCents the balance right after it
     * @return the applied change
     */
    public static AppliedChange of(FundsChanged event, long balanceAfterCents) {
        return new AppliedChange(
                event.eventId(),
                event.walletId(),
                event.reference(),
                event.operation(),
                event.amount(),
                event.sequence(),
                balanceAfterCents,
                event.occurredAt());
    }
}
