package com.acme.wallet.domain;

import java.util.Objects;

/** What a {@link RolledBack} did: gave a bet's stake back, took a win back, or moved nothing. */
public sealed interface RollbackEffect {

    /** {@return the amount of money moved; zero if nothing was rolled back} */
    Amount amount();

    /** {@return how the balance changed, in cents} */
    long balanceDeltaCents();

    /**
     * A bet's stake went back to the balance.
     *
     * @param roundId the bet's round
     * @param amount its stake
     */
    record RefundBet(RoundId roundId, Amount amount) implements RollbackEffect {
        /**
         * Validates the effect.
         *
         * @param roundId the bet's round
         * @param amount its stake
         */
        public RefundBet {
            Objects.requireNonNull(roundId, "roundId");
            Objects.requireNonNull(amount, "amount");
        }

        @Override
        public long balanceDeltaCents() {
            return amount.cents();
        }
    }

    /**
     * A win was taken back from the balance.
     *
     * @param roundId the win's round
     * @param amount what it paid
     */
    record ReclaimWin(RoundId roundId, Amount amount) implements RollbackEffect {
        /**
         * Validates the effect.
         *
         * @param roundId the win's round
         * @param amount what it paid
         */
        public ReclaimWin {
            Objects.requireNonNull(roundId, "roundId");
            Objects.requireNonNull(amount, "amount");
        }

        @Override
        public long balanceDeltaCents() {
            return -amount.cents();
        }
    }

    /**
     * Nothing moved: the original was refused, or never arrived. Either way it is now rolled back:
     * it can never apply, and a late original is refused.
     *
     * @param originalOutcome what the wallet knew of the original
     */
    record NothingToRollBack(OriginalOutcome originalOutcome) implements RollbackEffect {
        /**
         * Validates the effect.
         *
         * @param originalOutcome what the wallet knew of the original
         */
        public NothingToRollBack {
            Objects.requireNonNull(originalOutcome, "originalOutcome");
        }

        @Override
        public Amount amount() {
            return Amount.ZERO;
        }

        @Override
        public long balanceDeltaCents() {
            return 0;
        }
    }

    /** What a wallet knew of an original it had nothing to roll back of. */
    enum OriginalOutcome {
        /** The original never arrived: the rollback is a tombstone that refuses it if it comes. */
        UNKNOWN("unknown"),
        /** The original was refused, and moved nothing. */
        REJECTED("rejected");

        private final String wireName;

        OriginalOutcome(String wireName) {
            this.wireName = wireName;
        }

        /** {@return the name a client sees, such as {@code unknown}} */
        public String wireName() {
            return wireName;
        }
    }
}
