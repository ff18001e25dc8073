package com.acme.wallet.application.service;

import com.acme.wallet.application.WalletWriter;
import com.acme.wallet.application.port.in.GetWalletUseCase;
import com.acme.wallet.application.port.in.WalletBalance;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;
import java.util.Optional;

/** Reads a wallet's durable balance from the writer's memory. */
public final class GetWalletService implements GetWalletUseCase {

    private final WalletWriter writer;

    /**
     * Creates the service.
     *
     * @param writer the single writer of all wallets
     */
    public GetWalletService(WalletWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public Optional<WalletBalance> find(WalletId walletId) {
        return writer.read(walletId, wallet -> wallet.isOpen()
                ? Optional.of(new WalletBalance(walletId, wallet.balanceCents()))
                : Optional.empty());
    }
}
