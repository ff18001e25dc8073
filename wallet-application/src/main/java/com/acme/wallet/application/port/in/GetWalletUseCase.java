package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.WalletId;
import java.util.Optional;

/** Reads wallets: every confirmed change is visible, nothing in flight is. */
public interface GetWalletUseCase {

    /**
     * Reads a wallet's durable balance.
     *
     * @param walletId the wallet
     * @return its balance, or empty if no open wallet has this id
     * @throws TemporarilyUnavailableException while the wallets are still being loaded
     */
    Optional<WalletBalance> find(WalletId walletId);
}
