package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * Open a wallet with an opening balance, which may be zero.
 *
 * @param walletId the new wallet's id
 * @param opening the opening balance
 * @param caller who asks, recorded beside the change
 */
public record OpenWalletCommand(WalletId walletId, Amount opening, Caller caller) {

    /** Validates the command. */
    public OpenWalletCommand {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(opening, "opening");
        Objects.requireNonNull(caller, "caller");
    }
}
