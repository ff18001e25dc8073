package com.acme.wallet.domain;

import java.util.Objects;

/**
 * What became of a request to add or remove funds.
 *
 * <p>Business rejections are values, not exceptions: a wallet that refuses a debit is working
 * correctly. Only {@link Accepted} moved money; a {@link Refused} is recorded, so that a retry is
 * refused again in the same words.
 */
public sealed interface ChangeOutcome {

    /**
     * The change is durable and was applied for the first time.
     *
     * @param change the change and the balance it left
     */
    record Accepted(AppliedChange change) implements ChangeOutcome {
        /**
         * Validates the outcome.
         *
         * @param change the change and the balance it left
         */
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
        /**
         * Validates the outcome.
         *
         * @param change the change as first applied, with the balance it left then
         */
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
     * The change was refused for a reason of money, and the refusal is its reference's final
     * outcome, durable like a change: removing would take the balance below zero
     * ({@link RefusalCode#INSUFFICIENT_FUNDS}), or adding would pass {@link Wallet#MAX_BALANCE_CENTS}
     * ({@link RefusalCode#BALANCE_LIMIT_EXCEEDED}). Nothing moved.
     *
     * @param entry the recorded refusal, a {@link RequestRefused}
     * @param replayed whether an earlier request under the same reference recorded it
     */
    record Refused(LedgerEntry entry, boolean replayed) implements ChangeOutcome {
        /**
         * Validates the outcome.
         *
         * @param entry the recorded refusal, a {@link RequestRefused}
         * @param replayed whether an earlier request under the same reference recorded it
         */
        public Refused {
            Objects.requireNonNull(entry, "entry");
            if (!(entry.event() instanceof RequestRefused)) {
                throw new IllegalArgumentException("not a refusal: " + entry.event());
            }
        }

        /** {@return the refusal} */
        public RequestRefused refusal() {
            return (RequestRefused) entry.event();
        }
    }

    /**
     * No open wallet has this id.
     *
     * @param walletId the id asked for
     */
    record WalletNotFound(WalletId walletId) implements ChangeOutcome {}
}
