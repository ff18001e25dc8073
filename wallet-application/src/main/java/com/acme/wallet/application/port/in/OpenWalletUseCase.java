package com.acme.wallet.application.port.in;

import com.acme.wallet.domain.OpenOutcome;
import java.util.concurrent.CompletionStage;

/** Opens a wallet. */
public interface OpenWalletUseCase {

    /**
     * Opens a wallet once its opening is durable.
     *
     * @param command what to open
     * @return the outcome, or a stage failed with {@link TemporarilyUnavailableException} when the
     *     opening could not be confirmed
     */
    CompletionStage<OpenOutcome> open(OpenWalletCommand command);
}
