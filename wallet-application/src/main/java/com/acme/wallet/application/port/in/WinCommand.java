package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.WinRequest;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * Pay a win into a round of a wallet.
 *
 * @param walletId the wallet
 * @param win the request, under the client's reference; retries reuse it
 * @param caller who asks, recorded beside the change
 */
public record WinCommand(WalletId walletId, WinRequest win, Caller caller) {

    /** Validates the command. */
    public WinCommand {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(win, "win");
        Objects.requireNonNull(caller, "caller");
    }
}
