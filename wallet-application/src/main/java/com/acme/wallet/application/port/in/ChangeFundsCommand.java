package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.InvalidInputException;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * Add funds to or remove funds from a wallet under the client's reference.
 *
 * @param walletId the wallet
 * @param amount how much; above zero
 * @param reference the client's name for the change; retries reuse it
 * @param caller who asks, recorded beside the change
 */
public record ChangeFundsCommand(WalletId walletId, Amount amount, Reference reference, Caller caller) {

    /**
     * Validates the command.
     *
     * @throws InvalidInputException if the amount is zero
     */
    public ChangeFundsCommand {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(caller, "caller");
        if (!amount.isPositive()) {
            throw new InvalidInputException("amount must be greater than zero");
        }
    }
}
