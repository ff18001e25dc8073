package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWrite;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.LedgerEntry;
import com.acme.wallet.domain.RequestRefused;
import com.acme.wallet.domain.WalletEvent;

/** A change of funds as a write: what adding and removing funds share. */
final class FundsChange {

    private FundsChange() {}

    /**
     * {@return the write that adds or removes the command's amount under its reference; a retry of a
     *     durable change replays it, one of a change in flight joins it}
     */
    static WalletWrite<ChangeOutcome> of(FundsOperation operation, ChangeFundsCommand command) {
        return new WalletWrite<>(command.caller(),
                (wallet, stamp, recalled) -> recalled.isEmpty()
                        ? wallet.decideChange(operation, command.amount(), command.reference(), stamp)
                        : wallet.decideChange(operation, command.amount(), command.reference(), stamp, recalled.get()),
                (event, balanceCents) -> outcome(event, balanceCents, false),
                (event, balanceCents) -> outcome(event, balanceCents, true));
    }

    /** {@return a durable change, applied or refused, as the outcome of a request; a repeat if joined} */
    private static ChangeOutcome outcome(WalletEvent event, long balanceCents, boolean joined) {
        if (event instanceof FundsChanged change) {
            AppliedChange applied = AppliedChange.of(change, balanceCents);
            return joined ? new ChangeOutcome.Replayed(applied) : new ChangeOutcome.Accepted(applied);
        }
        return new ChangeOutcome.Refused(new LedgerEntry((RequestRefused) event, balanceCents), joined);
    }
}
