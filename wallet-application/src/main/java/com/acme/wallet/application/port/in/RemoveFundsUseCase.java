package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.ChangeOutcome;
import java.util.concurrent.CompletionStage;

/** Removes funds from a wallet, never below zero: a placed bet, a withdrawal. */
public interface RemoveFundsUseCase {

    /**
     * Removes funds once the change is durable; a reference already applied is replayed.
     *
     * @param command what to remove
     * @return the outcome, or a stage failed with {@link TemporarilyUnavailableException} when the
     *     change could not be confirmed (it may or may not have happened; retry the reference)
     */
    CompletionStage<ChangeOutcome> removeFunds(ChangeFundsCommand command);
}
