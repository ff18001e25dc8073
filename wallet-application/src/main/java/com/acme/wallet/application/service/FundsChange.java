package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWrite;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsChanged;
import com.acme.wallet.domain.FundsOperation;

/** A change of funds as a write: what adding and removing funds share. */
final class FundsChange {

    private FundsChange() {}

    /**
     * {@return the write that adds or removes the command's amount under its reference; a retry of a
     *     durable change replays it, one of a change in flight joins it}
     */
    static WalletWrite<ChangeOutcome> of(FundsOperation operation, ChangeFundsCommand command) {
        return new WalletWrite<>(
                (wallet, stamp, recalled) -> recalled.isEmpty()
                        ? wallet.decideChange(operation, command.amount(), command.reference(), stamp)
                        : wallet.decideChange(operation, command.amount(), command.reference(), stamp, recalled.get()),
                (event, balanceCents) -> new ChangeOutcome.Accepted(AppliedChange.of((FundsChanged) event, balanceCents)),
                (event, balanceCents) -> new ChangeOutcome.Replayed(AppliedChange.of((FundsChanged) event, balanceCents)));
    }
}
