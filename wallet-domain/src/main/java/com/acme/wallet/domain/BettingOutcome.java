package com.acme.wallet.domain;

import java.util.Objects;

/**
 * What became of a bet, a win or a rollback. Refusals for reasons of money or of the round are
 * recorded, and come as a {@link Recorded} whose event is a {@link RequestRefused}; the others here
 * are answered without a record.
 */
public sealed interface BettingOutcome {

    /**
     * The request's outcome is durable, as this entry: applied, refused, or a rollback with
     * nothing to roll back.
     *
     * @param entry the entry, with the balance it left
     * @param replayed whether it was recorded by an earlier request under the same reference
     */
    record Recorded(LedgerEntry entry, boolean replayed) implements BettingOutcome {
        /**
         * Validates the outcome.
         *
         * @param entry the entry, with the balance it left
         * @param replayed whether it was recorded by an earlier request under the same reference
         */
        public Recorded {
            Objects.requireNonNull(entry, "entry");
        }
    }

    /**
     * The reference was already used on this wallet for another request.
     *
     * @param walletId the wallet
     * @param reference the reused reference
     */
    record ReferenceConflict(WalletId walletId, Reference reference) implements BettingOutcome {}

    /**
     * The reference was rolled back before it arrived (a tombstone names it); nothing changed.
     *
     * @param walletId the wallet
     * @param reference the late reference
     * @param rolledBackBy the rollback that names it
     */
    record RolledBackBefore(WalletId walletId, Reference reference, Reference rolledBackBy)
            implements BettingOutcome {}

    /**
     * No open wallet has this id.
     *
     * @param walletId the id asked for
     */
    record WalletNotFound(WalletId walletId) implements BettingOutcome {}
}
