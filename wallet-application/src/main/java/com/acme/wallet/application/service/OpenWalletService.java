package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWrite;
import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.port.in.OpenWalletCommand;
import com.acme.wallet.application.port.in.OpenWalletUseCase;
import com.acme.wallet.domain.OpenOutcome;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Opens a wallet: the wallet decides, the writer makes the opening durable. */
public final class OpenWalletService implements OpenWalletUseCase {

    private final WalletWriter writer;

    /**
     * Creates the service.
     *
     * @param writer the single writer of all wallets
     */
    public OpenWalletService(WalletWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public CompletionStage<OpenOutcome> open(OpenWalletCommand command) {
        WalletId id = command.walletId();
        return writer.write(id, new WalletWrite<>(command.caller(),
                (wallet, stamp, stored) -> wallet.decideOpen(command.opening(), stamp),
                (event, balanceCents) -> new OpenOutcome.Opened(id, balanceCents),
                (event, balanceCents) -> new OpenOutcome.AlreadyExists(id)));
    }
}
