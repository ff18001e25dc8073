package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.BettingOutcome;
import java.util.concurrent.CompletionStage;

/** Pays a win into a round that has a bet. */
public interface PayWinUseCase {

    /**
     * Pays the win once it is durable; a reference already recorded is replayed.
     *
     * @param command the request
     * @return the outcome: {@link BettingOutcome.Recorded} (applied, or refused and recorded for
     *     good), or an outcome not recorded; or a stage failed with
     *     {@link TemporarilyUnavailableException} when the request could not be confirmed (it may or
     *     may not have happened; retry the reference)
     */
    CompletionStage<BettingOutcome> payWin(WinCommand command);
}
