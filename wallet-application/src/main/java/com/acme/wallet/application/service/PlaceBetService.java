package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.port.in.BetCommand;
import com.acme.wallet.application.port.in.PlaceBetUseCase;
import com.acme.wallet.domain.BettingOutcome;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Places bets into rounds. */
public final class PlaceBetService implements PlaceBetUseCase {

    private final WalletWriter writer;

    /**
     * Creates the service.
     *
     * @param writer the single writer of all wallets
     */
    public PlaceBetService(WalletWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public CompletionStage<BettingOutcome> placeBet(BetCommand command) {
        return writer.write(command.walletId(), BettingWrite.of(command.bet(), command.caller()));
    }
}
