package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;
import java.util.Optional;

/**
 * A rollback (not refused, not a tombstone) that does not match what it names: a refund must name
 * an earlier applied bet of the same wallet, round and amount; a reclaim an earlier applied win
 * likewise; a rollback that rolled nothing back because its original was refused must name an
 * earlier refused bet or win. Money given back for something never taken, or taken back for
 * something never paid, shows here.
 *
 * @param walletId the wallet
 * @param sequence the rollback's sequence number
 * @param reference the rollback's reference
 * @param effect its {@code rollback_effect} as stored: {@code REFUND_BET}, {@code RECLAIM_WIN} or
 *     {@code NOTHING_TO_ROLL_BACK}
 * @param roundId the round it refunded or reclaimed in, or null when it moved nothing
 * @param amountCents what it moved, 0 when nothing
 * @param originalReference the reference it names
 * @param original the row stored under that reference, or empty if there is none
 */
public record UnmatchedRollback(WalletId walletId, long sequence, String reference, String effect, String roundId,
        long amountCents, String originalReference, Optional<Original> original) {

    /**
     * The row a rollback names, as stored.
     *
     * @param sequence its sequence number
     * @param kind its kind ({@code BET}, {@code WIN}, {@code ADD}, ...)
     * @param outcome its outcome ({@code APPLIED}, {@code REJECTED}, {@code TOMBSTONE})
     * @param roundId its round, or null if it has none
     * @param amountCents its amount
     */
    public record Original(long sequence, String kind, String outcome, String roundId, long amountCents) {

        /** Validates the record. */
        public Original {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Validates the record. */
    public UnmatchedRollback {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(originalReference, "originalReference");
        Objects.requireNonNull(original, "original");
    }
}
