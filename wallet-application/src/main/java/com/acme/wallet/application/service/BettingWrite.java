package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWrite;
import com.acme.wallet.application.port.in.Caller;
import com.acme.wallet.domain.BettingOutcome;
import com.acme.wallet.domain.BettingRequest;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.ReferencedEvent;

/** A bet, a win or a rollback as a write: what the three betting services share. */
final class BettingWrite {

    private BettingWrite() {}

    /**
     * {@return the write that decides the request under its reference; a retry of a recorded
     *     reference replays it, one of a request in flight joins it; the event records who asked}
     */
    static WalletWrite<BettingOutcome> of(BettingRequest request, Caller caller) {
        return new WalletWrite<>(caller,
                (wallet, stamp, recalled) -> recalled.isEmpty()
                        ? wallet.decideBetting(request, stamp)
                        : wallet.decideBetting(request, stamp, recalled.get()),
                (event, balanceCents) -> new BettingOutcome.Recorded(new LedgerEntry((ReferencedEvent) event, balanceCents), false),
                (event, balanceCents) -> new BettingOutcome.Recorded(new LedgerEntry((ReferencedEvent) event, balanceCents), true));
    }
}
