package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.BetRequest;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * Place a bet into a round of a wallet.
 *
 * @param walletId the wallet
 * @param bet the request, under the client's reference; retries reuse it
 * @param caller who asks, recorded beside the change
 */
public record BetCommand(WalletId walletId, BetRequest bet, Caller caller) {

    /** Validates the command. */
    public BetCommand {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(bet, "bet");
        Objects.requireNonNull(caller, "caller");
    }
}
