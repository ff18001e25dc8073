package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.RollbackRequest;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * Roll back a bet or a win of a wallet, named by its reference.
 *
 * @param walletId the wallet
 * @param rollback the request, under the client's reference; retries reuse it
 * @param caller who asks, recorded beside the change
 */
public record RollbackCommand(WalletId walletId, RollbackRequest rollback, Caller caller) {

    /** Validates the command. */
    public RollbackCommand {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(rollback, "rollback");
        Objects.requireNonNull(caller, "caller");
    }
}
