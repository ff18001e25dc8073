package com.acme.wallet.bench;

import com.acme.wallet.domain.Amount;
import com.acme.wallet.domain.FundsOperation;
import com.acme.wallet.domain.Reference;
import com.acme.wallet.domain.WalletId;
import java.util.Objects;

/**
 * A request to add or remove funds, read and validated as the service reads it.
 *
 * @param walletId the wallet
 * @param operation add or remove
 * @param amount how much; above zero
 * @param reference the client's name for the change
 */
public record ChangeRequest(WalletId walletId, FundsOperation operation, Amount amount, Reference reference) {

    /** Validates that every part is present. */
    public ChangeRequest {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(reference, "reference");
    }

    /** {@return the status the service answers an accepted change with: 201 for an add, 200 for a remove} */
    public int acceptedStatus() {
        return operation == FundsOperation.ADD ? 201 : 200;
    }
}
