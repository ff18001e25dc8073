package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.application.port.in.RemoveFundsUseCase;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Removes funds from a wallet: a bet, a withdrawal. The balance never goes negative. */
public final class RemoveFundsService implements RemoveFundsUseCase {

    private final WalletWriter writer;

    /**
     * Creates the service.
     *
     * @param writer the single writer of all wallets
     */
    public RemoveFundsService(WalletWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public CompletionStage<ChangeOutcome> removeFunds(ChangeFundsCommand command) {
        return writer.write(command.walletId(), FundsChange.of(FundsOperation.REMOVE, command));
    }
}
