package com.acme.wallet.application;

import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.domain.Decision;
import com.acme.wallet.domain.EventStamp;
import com.acme.wallet.domain.Recalled;
import com.acme.wallet.domain.Wallet;
import com.acme.wallet.domain.WalletEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * One write as a use case asks it of the {@link WalletWriter}: how the wallet decides it, and what
 * the caller is answered once its event is durable.
 *
 * @param caller who asks, recorded beside the event this write appends
 * @param decide asks the wallet, under its lock
 * @param accepted the outcome once the event this write appended is durable
 * @param joined the outcome of an identical request that joined one already in flight, once that
 *     one is durable
 * @param <O> the type of outcome
 */
public record WalletWrite<O>(Caller caller, Decider<O> decide, Outcome<O> accepted, Outcome<O> joined) {

    /** Validates the write. */
    public WalletWrite {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(decide, "decide");
        Objects.requireNonNull(accepted, "accepted");
        Objects.requireNonNull(joined, "joined");
    }

    /**
     * How a wallet decides a write.
     *
     * @param <O> the type of outcome
     */
    @FunctionalInterface
    public interface Decider<O> {
        /**
         * Decides against the wallet; a wallet the writer does not hold is an unopened one.
         *
         * @param wallet the wallet, under its lock
         * @param stamp id and time for the event, if one is appended
         * @param recalled the store's answer to what the wallet asked of the changes it forgot, once
         *     it asked ({@link Decision.LookUp}); empty before
         * @return the wallet's decision
         */
        Decision<O> decide(Wallet wallet, EventStamp stamp, Optional<Recalled> recalled);
    }

    /**
     * The outcome of a durable event.
     *
     * @param <O> the type of outcome
     */
    @FunctionalInterface
    public interface Outcome<O> {
        /**
         * Names the outcome.
         *
         * @param event the durable event
         * @param balanceAfterCents the wallet's balance after it
         * @return the outcome
         */
        O of(WalletEvent event, long balanceAfterCents);
    }
}
