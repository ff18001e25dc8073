package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.ChangeOutcome;
import java.util.concurrent.CompletionStage;

/** Adds funds to a wallet: a won bet, a deposit, a bonus. */
public interface AddFundsUseCase {

    /**
     * Adds funds once the change is durable; a reference already applied is replayed.
     *
     * @param command what to add
     * @return the outcome, or a stage failed with {@link TemporarilyUnavailableException} when the
     *     change could not be confirmed (it may or may not have happened; retry the reference)
     */
    CompletionStage<ChangeOutcome> addFunds(ChangeFundsCommand command);
}
