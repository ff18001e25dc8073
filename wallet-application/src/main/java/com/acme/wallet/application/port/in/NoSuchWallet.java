package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * No wallet has this id: neither the store nor the writer knows it.
 *
 * @param walletId the wallet asked for
 */
public record NoSuchWallet(WalletId walletId) implements NotInHistory {
    /** Validates the answer. */
    public NoSuchWallet {
        Objects.requireNonNull(walletId, "walletId");
    }
}
