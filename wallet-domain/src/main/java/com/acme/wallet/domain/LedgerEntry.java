package com.acme.wallet.domain;

import java.util.List;
import java.util.Objects;

/**
 * The durable outcome of one reference of a wallet, with the balance it left behind: what a client
 * is told when its request is decided, and told again, unchanged, when it retries.
 *
 * @param event the event that recorded the outcome
 * @param balanceAfterCents the wallet's balance right after it, in cents
 */
public record LedgerEntry(ReferencedEvent event, long balanceAfterCents) {

    /** Validates the entry. */
    public LedgerEntry {
        Objects.requireNonNull(event, "event");
        if (balanceAfterCents < 0) {
            throw new IllegalArgumentException("balance after " + event.reference() + " would be negative: "
                    + balanceAfterCents);
        }
    }

    /** {@return the reference whose outcome this is} */
    public Reference reference() {
        return event.reference();
    }

    /** {@return the event's position among the wallet's events} */
    public long sequence() {
        return event.sequence();
    }

    /**
     * The references this entry settles for good: its own, and for a rollback the original it
     * rolled back (a tombstone settles an original that never arrived). A store that tells new
     * references from known ones must know both.
     *
     * @return the references
     */
    public List<Reference> settledReferences() {
        return event instanceof RolledBack rollback
                ? List.of(rollback.reference(), rollback.originalReference())
                : List.of(event.reference());
    }
}
