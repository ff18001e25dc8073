package com.acme.wallet.client;

import java.util.Objects;
import java.util.Optional;

/**
 * What came of a call that changes no money (a read) or that has no reference (opening a wallet):
 * the value, a refusal, or no definite answer within the client's budget. A call never throws for
 * the service's answers or the network's failures.
 *
 * @param <T> the value of a success
 */
public sealed interface Answer<T> permits Answer.Success, Answer.Refused, Answer.Unavailable {

    /** {@return the value, or empty for a refusal or no answer} */
    Optional<T> value();

    /** @param result what the service answered */
    record Success<T>(T result) implements Answer<T> {
        public Success {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public Optional<T> value() {
            return Optional.of(result);
        }
    }

    /**
     * @param refusal the service's 4xx answer
     * @param attempts how many requests the call sent; for an opening (which has no reference)
     *     above 1 means an earlier request may have opened the wallet without an answer, so
     *     {@code wallet_exists} may be this call's own doing
     */
    record Refused<T>(Refusal refusal, int attempts) implements Answer<T> {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }

        public ErrorCode code() {
            return refusal.code();
        }

        @Override
        public Optional<T> value() {
            return Optional.empty();
        }
    }

    /**
     * No definite answer within the budget (503s, timeouts, no connection).
     *
     * @param reason what the last attempt got, for people
     * @param attempts how many requests the call sent
     * @param lastFailure the last network failure, if the last attempt had one
     */
    record Unavailable<T>(String reason, int attempts, Optional<Throwable> lastFailure) implements Answer<T> {
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }

        @Override
        public Optional<T> value() {
            return Optional.empty();
        }
    }
}
