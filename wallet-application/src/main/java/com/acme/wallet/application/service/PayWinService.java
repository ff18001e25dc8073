package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.port.in.WinCommand;
import com.acme.wallet.application.port.in.PayWinUseCase;
import com.acme.wallet.domain.BettingOutcome;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Pays wins into rounds. */
public final class PayWinService implements PayWinUseCase {

    private final WalletWriter writer;

    /**
     * Creates the service.
     *
     * @param writer the single writer of all wallets
     */
    public PayWinService(WalletWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public CompletionStage<BettingOutcome> payWin(WinCommand command) {
        return writer.write(command.walletId(), BettingWrite.of(command.win(), command.caller()));
    }
}
