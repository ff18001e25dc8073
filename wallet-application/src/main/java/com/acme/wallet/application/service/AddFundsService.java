package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.port.in.AddFundsUseCase;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Adds funds to a wallet: a won bet, a deposit, a bonus. */
public final class AddFundsService implements AddFundsUseCase {

    private final WalletWriter writer;

    /**
     * Creates the service.
     *
     * @param writer the single writer of all wallets
     */
    public AddFundsService(WalletWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public CompletionStage<ChangeOutcome> addFunds(ChangeFundsCommand command) {
        return writer.write(command.walletId(), FundsChange.of(FundsOperation.ADD, command));
    }
}
