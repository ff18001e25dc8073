package com.acme.wallet.application.port.out;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * A wallet's balance as stored in the wallets table.
 *
 * @param walletId the wallet
 * @param balanceCents its stored balance
 */
public record StoredBalance(WalletId walletId, long balanceCents) {

    /** Validates the record. */
    public StoredBalance {
        Objects.requireNonNull(walletId, "walletId");
    }
}
