package com.acme.wallet.domain;

import java.util.Objects;

/**
 * A wallet's answer to a request, given before anything is durable.
 *
 * <p>The writer acts on it: it appends the event of an {@link Append} and answers once the log has
 * confirmed it; it attaches an {@link AwaitInFlight} to the identical request already in flight;
 * it decides a {@link DecideAfter} again once the change it depends on is durable or discarded; it
 * asks the store what a {@link LookUp} asks and decides again with the answer; it answers a {@link Settled} at once.
 *
 * @param <O> the type of outcome the request ends with
 */
public sealed interface Decision<O> {

    /**
     * The request is accepted as this event, which is now in flight: it must be appended to the
     * log, and it takes effect only once the log confirms it.
     *
     * @param event the event to append
     * @param <O> the type of outcome
     */
    record Append<O>(WalletEvent event) implements Decision<O> {
        /**
         * Validates the decision.
         *
         * @param event the event to append
         */
        public Append {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * The identical request is already in flight as the event with this sequence number; this one
     * ends as that one does, without a second effect.
     *
     * @param sequence the in-flight event's sequence number
     * @param <O> the type of outcome
     */
    record AwaitInFlight<O>(long sequence) implements Decision<O> {}

    /**
     * The request depends on a change still in flight, as the event with this sequence number (a
     * rollback of it, a leg of the same round): decide it again once that event is durable, or
     * discarded with the others in flight. Nothing is in flight for this request.
     *
     * @param sequence the in-flight event's sequence number
     * @param <O> the type of outcome
     */
    record DecideAfter<O>(long sequence) implements Decision<O> {}

    /**
     * The wallet has forgotten some of its changes, and the request may depend on them: ask the
     * store that holds them, then decide again with the answer
     * ({@link Wallet#decideChange(FundsOperation, Amount, Reference, EventStamp, Recalled)},
     * {@link Wallet#decideBetting(BettingRequest, EventStamp, Recalled)}). Nothing is in flight.
     *
     * @param recall what to ask
     * @param <O> the type of outcome
     */
    record LookUp<O>(Recall recall) implements Decision<O> {
        /**
         * Validates the decision.
         *
         * @param recall what to ask
         */
        public LookUp {
            Objects.requireNonNull(recall, "recall");
        }
    }

    /**
     * The request is answered now, with no change: a replay of a durable change or a rejection.
     *
     * @param outcome the final outcome
     * @param <O> the type of outcome
     */
    record Settled<O>(O outcome) implements Decision<O> {
        /**
         * Validates the decision.
         *
         * @param outcome the final outcome
         */
        public Settled {
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
