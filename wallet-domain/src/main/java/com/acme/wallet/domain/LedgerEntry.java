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

    /**
     * Validates the entry.
     *
     * @param event the event that recorded the outcome
     * @param balanceAfterCents the wallet's balance right after it, in cents
     */
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

    /** {@return the kind of change the client asked for} */
    public TransactionType type() {
        return event.request().type();
    }

    /**
     * {@return what became of the request: applied (money may have moved; a rollback of a refused
     *     bet or win is applied and moves nothing), rejected (a recorded refusal), or a tombstone (a
     *     rollback of an original never seen)}
     */
    public Outcome outcome() {
        if (event instanceof RequestRefused) {
            return Outcome.REJECTED;
        }
        if (event instanceof RolledBack rollback && rollback.isTombstone()) {
            return Outcome.TOMBSTONE;
        }
        return Outcome.APPLIED;
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

    /** What became of a request, as its history shows it. */
    public enum Outcome {
        /** The change was made; it may have moved money. */
        APPLIED("applied"),
        /** The request was refused for a reason of money or of its round, and that is its final outcome. */
        REJECTED("rejected"),
        /** A rollback of an original never seen: it moved nothing, and the original is refused if it comes. */
        TOMBSTONE("tombstone");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }

        /** {@return the name a client sees, such as {@code applied}} */
        public String wireName() {
            return wireName;
        }
    }
}
