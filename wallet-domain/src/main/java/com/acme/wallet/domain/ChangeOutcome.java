package com.acme.wallet.domain;

import java.util.Objects;

/**
 * What became of a request to add or remove funds.
 *
 * <p>Business rejections are values, not exceptions: a wallet that refuses a debit is working
 * correctly. Only {@link Accepted} changed the wallet.
 */
public sealed interface ChangeOutcome {

    /**
     * The change is durable and was applied for the first time.
     *
     * @param change the change and the balance it left
     */
    record Accepted(AppliedChange change) implements ChangeOutcome {
        /** Validates the outcome. */
        public Accepted {
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * The same change (wallet, reference, operation and amount) had already been applied; nothing
     * changed now, and the original result is returned.
     *
     * @param change the change as first applied, with the balance it left then
     */
    record Replayed(AppliedChange change) implements ChangeOutcome {
        /** Validates the outcome. */
        public Replayed {
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * The reference was already used on this wallet for another operation or amount.
     *
     * @param walletId the wallet
     * @param reference the reused reference
     */
    record ReferenceConflict(WalletId walletId, Reference reference) implements ChangeOutcome {}

    /**
     * Removing the amount would take the wallet below zero; the balance is unchanged.
     *
     * @param walletId the wallet
     * @param availableCents what the wallet could spend when the request was decided
     * @param requested the amount asked for
     */
    record InsufficientFunds(WalletId walletId, long availableCents, Amount requested) implements ChangeOutcome {}

    /**
     * Adding the amount would take the wallet above {@link Wallet#MAX_BALANCE_CENTS}.
     *
     * @param walletId the wallet
     * @param requested the amount asked for
     */
    record BalanceLimitExceeded(WalletId walletId, Amount requested) implements ChangeOutcome {}

    /**
     * No open wallet has this id.
     *
     * @param walletId the id asked for
     */
    record WalletNotFound(WalletId walletId) implements ChangeOutcome {}
}
