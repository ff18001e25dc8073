package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.port.in.RollbackCommand;
import com.acme.wallet.application.port.in.RollBackUseCase;
import com.acme.wallet.domain.BettingOutcome;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Rolls bets and wins back, and records rollbacks of originals never seen. */
public final class RollBackService implements RollBackUseCase {

    private final WalletWriter writer;

    /**
     * Creates the service.
     *
     * @param writer the single writer of all wallets
     */
    public RollBackService(WalletWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public CompletionStage<BettingOutcome> rollBack(RollbackCommand command) {
        return writer.write(command.walletId(), BettingWrite.of(command.rollback(), command.caller()));
    }
}
