package com.acme.wallet.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What came of a change of money (add, remove, bet, win, rollback). Exactly one of: it is
 * {@link Applied}, it is {@link Refused}, or the client could not learn which within its budget
 * ({@link Unknown}). A call never throws for the service's answers or the network's failures.
 */
public sealed interface Outcome permits Outcome.Applied, Outcome.Refused, Outcome.Unknown {

    /** How the client learned a definite outcome. */
    enum Confirmation {
        /** The service answered this call's request with the outcome it just decided. */
        ANSWERED,
        /**
         * The service answered with {@code Idempotent-Replayed: true}: the outcome was decided
         * earlier, by an earlier send of the same reference (this call's, or anybody's).
         */
        REPLAYED,
        /** No send got a definite answer; the transaction lookup by reference found the outcome. */
        LOOKED_UP
    }

    /**
     * The change is applied, once: the service holds it durably.
     *
     * @param receipt what it did
     * @param confirmation how the client learned it
     */
    record Applied(Receipt receipt, Confirmation confirmation) implements Outcome {
        public Applied {
            Objects.requireNonNull(receipt, "receipt");
            Objects.requireNonNull(confirmation, "confirmation");
        }
    }

    /**
     * The change is not applied: the service refused it. A refusal that is {@link ErrorCode#recorded()
     * recorded} is the reference's final outcome; any other moved nothing and kept nothing.
     *
     * @param refusal the service's answer
     * @param confirmation how the client learned it; a refusal found by the lookup carries the
     *     status the service answers that code with and no balance
     */
    record Refused(Refusal refusal, Confirmation confirmation) implements Outcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(confirmation, "confirmation");
        }

        public ErrorCode code() {
            return refusal.code();
        }
    }

    /**
     * The client's budget ran out before it learned the outcome: the change may be applied, may
     * never be, or may still be applied by a send that is on its way. Sending the very same change
     * again (same wallet, reference, amount) is safe at any time: the service applies a reference
     * at most once and answers a repeat with the first outcome.
     *
     * @param reason what the last attempt and the last lookup got, for people
     * @param attempts how many times the change was sent
     * @param lastFailure the last network failure, if the last attempt had one
     */
    record Unknown(String reason, int attempts, Optional<Throwable> lastFailure) implements Outcome {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }
    }
}
