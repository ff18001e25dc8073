package com.acme.wallet.bench;

import com.acme.wallet.application.port.in.ChangeFundsCommand;
import com.acme.wallet.domain.AppliedChange;
import com.acme.wallet.domain.ChangeOutcome;
import com.acme.wallet.domain.FundsOperation;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A funds change a ceiling took: the route's operation and the command the service's own code
 * ({@code WalletApiJson.changeFunds}) read from the request.
 *
 * @param operation add or remove, from the route
 * @param command the wallet, amount and reference, validated as the service validates them
 */
public record ChangeRequest(FundsOperation operation, ChangeFundsCommand command) {

    /** The event id the ceilings' accepted outcomes carry; no reply shows it, and they keep no events. */
    private static final UUID NO_EVENT = new UUID(0, 0);

    /** Validates that both parts are present. */
    public ChangeRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(command, "command");
    }

    /**
     * {@return the change accepted on a wallet the ceiling does not keep: the balance after it and
     * its sequence are 0, and its time, which no reply shows, is fixed}
     */
    public ChangeOutcome acceptedWithoutState() {
        return new ChangeOutcome.Accepted(new AppliedChange(NO_EVENT, command.walletId(), command.reference(),
                operation, command.amount(), 0, 0, Instant.EPOCH));
    }
}
